package dev.descent.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The committed PyTorch exports (made by bench/onnx/export_pytorch.py) and small graphs
 * built for one test each.
 */
final class OnnxFiles {

	/** nn.Linear layers as Gemm (transB=1), ReLU, Softmax; float32. */
	static final String PYTORCH_GEMM = "pytorch-784-30-10.onnx";

	/** x @ W + b as MatMul and Add, Sigmoid throughout; float64. */
	static final String PYTORCH_MATMUL = "pytorch-matmul-784-16-10.onnx";

	/** Conv, Relu, Flatten, Gemm, Softmax on [N,1,28,28]. */
	static final String PYTORCH_CONV = "pytorch-conv.onnx";

	private OnnxFiles() {
	}

	static byte[] resource(String name) {
		try (InputStream in = OnnxFiles.class.getResourceAsStream("/onnx/" + name)) {
			if (in == null) {
				throw new IOException("test resource onnx/" + name + " is missing");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static OnnxMl.ModelProto parse(byte[] file) {
		try {
			return OnnxMl.ModelProto.parseFrom(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return one Gemm layer from {@code inputs} values to {@code outputs}, with these
	 * attributes, then {@code activation}; weights {@code (i + 2j) % 7 / 10 - 0.3}
	 */
	static byte[] oneLayer(int inputs, int outputs, Map<String, Object> gemm, ONNXOperators activation) {
		ONNXContext context = new ONNXContext();
		ONNXRef<?> x = context.floatInput("pixels", inputs);
		boolean transB = Integer.valueOf(1).equals(gemm.get("transB"));
		List<Integer> shape = transB ? List.of(outputs, inputs) : List.of(inputs, outputs);
		ONNXInitializer w = context.floatTensor("W", shape, (buffer) -> {
			for (int k = 0; k < inputs * outputs; k++) {
				buffer.put(((k + 2 * (k / 7)) % 7) / 10f - 0.3f);
			}
		});
		ONNXInitializer b = context.floatTensor("b", List.of(outputs), (buffer) -> {
			for (int j = 0; j < outputs; j++) {
				buffer.put(j / 20f - 0.2f);
			}
		});
		ONNXRef<?> z = x.apply(ONNXOperators.GEMM, List.of(w, b), List.of("z"), gemm).get(0);
		z.apply(activation).assignTo(context.floatOutput("probabilities", outputs));
		return model(context.buildGraph());
	}

	static byte[] model(OnnxMl.GraphProto graph) {
		return OnnxMl.ModelProto.newBuilder()
			.setIrVersion(7)
			.addOpsetImport(ONNXOperators.getOpsetProto())
			.setProducerName("descent-tests")
			.setGraph(graph)
			.build()
			.toByteArray();
	}

}
