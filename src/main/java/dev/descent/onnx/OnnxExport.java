package dev.descent.onnx;

import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import dev.descent.engine.Activation;
import dev.descent.engine.Network;
import org.ejml.data.DMatrixRMaj;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a network as an ONNX model (opset 13) with Tribuo's ONNX builder: input
 * {@value #INPUT}, float32 [N,784] with a dynamic N; one {@code Gemm} per layer (the
 * engine's n_(l-1) × n_l weight layout is Gemm's B as it is, so no transpose) followed by
 * its activation ({@code Sigmoid}, {@code Relu} or {@code Softmax} on the last axis);
 * output {@value #OUTPUT}, float32 [N,10]. Weights are rounded to float32, the type every
 * ONNX runtime serves fastest. The metadata properties carry the model's name, version,
 * weights' SHA-256 and provenance under the keys of {@link OnnxMetadata}.
 */
public final class OnnxExport {

	/** The graph's input: one image per row, 784 grey values in [0,1]. */
	public static final String INPUT = "pixels";

	/** The graph's output: the output layer's 10 activations per image. */
	public static final String OUTPUT = "probabilities";

	/**
	 * IR version 7 (ONNX 1.8) is the first to carry opset 13; runtimes read later IR
	 * versions' files only if they are that new themselves.
	 */
	static final long IR_VERSION = 7;

	private OnnxExport() {
	}

	/**
	 * @param network the network, not modified
	 * @param metadata written as the model's metadata properties
	 * @return the serialised ONNX {@code ModelProto}
	 */
	public static byte[] export(Network network, OnnxMetadata metadata) {
		return model(network, metadata).toByteArray();
	}

	static OnnxMl.ModelProto model(Network network, OnnxMetadata metadata) {
		ONNXContext context = new ONNXContext();
		context.setName(metadata.model() + "-v" + metadata.version());
		ONNXRef<?> activations = context.floatInput(INPUT, network.spec().size(0));
		for (int l = 0; l < network.layerCount(); l++) {
			activations = layer(context, activations, network, l);
		}
		activations.assignTo(context.floatOutput(OUTPUT, network.spec().size(network.spec().depth() - 1)));
		OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
			.setIrVersion(IR_VERSION)
			.addOpsetImport(ONNXOperators.getOpsetProto())
			.setProducerName(OnnxMetadata.PRODUCER)
			.setProducerVersion(metadata.producerVersion())
			.setDomain("dev.descent")
			.setModelVersion(metadata.version())
			.setDocString("descent model " + metadata.model() + " v" + metadata.version() + ", " + network.spec())
			.setGraph(context.buildGraph());
		metadata.properties()
			.forEach((key, value) -> model
				.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
		return model.build();
	}

	private static ONNXRef<?> layer(ONNXContext context, ONNXRef<?> input, Network network, int l) {
		DMatrixRMaj w = network.weights(l);
		DMatrixRMaj b = network.biases(l);
		ONNXInitializer weights = context.floatTensor("W" + (l + 1), List.of(w.numRows, w.numCols),
				(buffer) -> put(buffer, w));
		ONNXInitializer biases = context.floatTensor("b" + (l + 1), List.of(b.numCols), (buffer) -> put(buffer, b));
		ONNXRef<?> z = input.apply(ONNXOperators.GEMM, List.of(weights, biases), "z" + (l + 1));
		return activate(z, network.spec().activation(l + 1), l + 1);
	}

	private static ONNXRef<?> activate(ONNXRef<?> z, Activation activation, int layer) {
		return switch (activation) {
			case SIGMOID -> z.apply(ONNXOperators.SIGMOID, "a" + layer);
			case RELU -> z.apply(OnnxOperator.RELU, "a" + layer);
			case SOFTMAX -> z.apply(ONNXOperators.SOFTMAX, List.of(), List.of("a" + layer), Map.of("axis", -1)).get(0);
		};
	}

	private static void put(java.nio.FloatBuffer buffer, DMatrixRMaj matrix) {
		double[] data = matrix.getData();
		int n = matrix.getNumElements();
		for (int i = 0; i < n; i++) {
			buffer.put((float) data[i]);
		}
	}

}
