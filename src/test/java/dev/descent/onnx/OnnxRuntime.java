package dev.descent.onnx;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs an ONNX model in Microsoft's onnxruntime (CPU), the reference runtime. */
final class OnnxRuntime implements AutoCloseable {

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	OnnxRuntime(byte[] model) throws OrtException {
		this.session = this.environment.createSession(model, new OrtSession.SessionOptions());
	}

	OrtSession session() {
		return this.session;
	}

	/**
	 * @return the model's only output for these inputs, one row per image
	 */
	float[][] run(String inputName, float[][] inputs) throws OrtException {
		try (OnnxTensor tensor = OnnxTensor.createTensor(this.environment, inputs);
				OrtSession.Result result = this.session.run(Map.of(inputName, tensor))) {
			return (float[][]) result.get(0).getValue();
		}
	}

	@Override
	public void close() throws OrtException {
		this.session.close();
	}

}
