package dev.descent.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.Test;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What descent cannot run is refused naming the node, or the part of the file, and why.
 */
class OnnxRefusalTest {

	@Test
	void aConvolutionalNetworkNamesItsConvNode() {
		assertRefused(OnnxFiles.resource(OnnxFiles.PYTORCH_CONV), "node 0 (Conv)",
				"node 0 (Conv) is not supported: descent runs fully connected layers");
	}

	@Test
	void aWrongInputSizeNamesTheInputAndItsShape() {
		assertRefused(OnnxFiles.oneLayer(783, 10, Map.of(), ONNXOperators.SOFTMAX), "input 'pixels'",
				"input 'pixels' has shape [batch,783]: descent's networks take 784 values per image (28×28 pixels)");
	}

	@Test
	void aTruncatedFileIsNotReadable() {
		byte[] file = OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM);
		assertRefused(Arrays.copyOf(file, file.length / 2), "the file",
				"the file is not a readable ONNX model (truncated, or not ONNX): ");
	}

	@Test
	void aFileCutAfterItsGraphHasNoOpset() {
		OnnxMl.ModelProto model = OnnxFiles.parse(OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM));
		assertRefused(model.toBuilder().clearOpsetImport().build().toByteArray(), "the file",
				"the file imports no standard ONNX opset: it is not a complete ONNX model");
	}

	@Test
	void garbageAndEmptyBodiesAreNotModels() {
		assertRefused("not an onnx file at all".getBytes(), "the file", "the file ");
		assertRefused(new byte[0], "the body", "the body is empty: send the .onnx file");
	}

	@Test
	void tenOutputsAreRequired() {
		assertRefused(OnnxFiles.oneLayer(784, 20, Map.of(), ONNXOperators.SOFTMAX), "output 'probabilities'",
				"output 'probabilities' has 20 values per image: descent's networks have 10, one per digit");
	}

	@Test
	void transposedInputsAreRefused() {
		assertRefused(OnnxFiles.oneLayer(784, 10, Map.of("transA", 1), ONNXOperators.SOFTMAX), "node 0 (Gemm)",
				"node 0 (Gemm) has transA=1: descent's layers take one image per row");
	}

	@Test
	void everyLayerNeedsAnActivation() {
		ONNXContext context = new ONNXContext();
		ONNXRef<?> z = gemm(context, context.floatInput("pixels", 784), 784, 10);
		z.assignTo(context.floatOutput("logits", 10));
		assertRefused(OnnxFiles.model(context.buildGraph()), "node 0 (Gemm)",
				"node 0 (Gemm) ends the network without an activation: descent's output layer ends in Softmax or Sigmoid");
	}

	@Test
	void hiddenLayersShareOneActivation() {
		assertRefused(chain(ONNXOperators.SIGMOID, OnnxOperator.RELU, ONNXOperators.SOFTMAX), "node 3 (Relu)",
				"node 3 (Relu) differs from the first hidden layer's Sigmoid: descent uses one activation for every hidden layer");
	}

	@Test
	void softmaxEndsTheNetworkOnly() {
		assertRefused(chain(ONNXOperators.SOFTMAX, ONNXOperators.SOFTMAX), "node 1 (Softmax)",
				"node 1 (Softmax) is in a hidden layer: descent uses Softmax on the output layer only");
		assertRefused(chain(ONNXOperators.SIGMOID, OnnxOperator.RELU), "node 3 (Relu)",
				"node 3 (Relu) ends the network: descent's output layer ends in Softmax or Sigmoid");
	}

	@Test
	void weightsOtherThanFloat32OrFloat64AreRefused() {
		byte[] file = edit(OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM),
				(graph) -> graph.setInitializer(0, graph.getInitializer(0).toBuilder().setDataType(10)));
		String name = OnnxFiles.parse(file).getGraph().getInitializer(0).getName();
		assertRefused(file, "initializer '" + name + "'",
				"initializer '" + name + "' has data type FLOAT16: descent reads float32 or float64 weights");
	}

	@Test
	void weightsKeptInAnotherFileAreRefused() {
		byte[] file = edit(OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM),
				(graph) -> graph.setInitializer(0,
						graph.getInitializer(0)
							.toBuilder()
							.clearRawData()
							.setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)));
		String name = OnnxFiles.parse(file).getGraph().getInitializer(0).getName();
		assertRefused(file, "initializer '" + name + "'", "initializer '" + name
				+ "' keeps its values in an external file: export the model with its weights inside it");
	}

	@Test
	void aSecondInputIsRefused() {
		byte[] file = edit(OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM),
				(graph) -> graph.addInput(graph.getInput(0).toBuilder().setName("extra")));
		assertRefused(file, "the graph",
				"the graph has 2 inputs ('pixels', 'extra'): descent's networks take one, the images");
	}

	/** Gemm layers of 784, 30, 20, ..., 10 values with these activations, in order. */
	private static byte[] chain(ONNXOperator... activations) {
		ONNXContext context = new ONNXContext();
		ONNXRef<?> x = context.floatInput("pixels", 784);
		int width = 784;
		for (int l = 0; l < activations.length; l++) {
			int outputs = (l == activations.length - 1) ? 10 : 30 - 10 * l;
			x = gemm(context, x, width, outputs).apply(activations[l]);
			width = outputs;
		}
		x.assignTo(context.floatOutput("probabilities", 10));
		return OnnxFiles.model(context.buildGraph());
	}

	private static ONNXRef<?> gemm(ONNXContext context, ONNXRef<?> x, int inputs, int outputs) {
		return x.apply(ONNXOperators.GEMM, List.of(context.floatTensor("W", List.of(inputs, outputs), (b) -> {
		}), context.floatTensor("b", List.of(outputs), (b) -> {
		})));
	}

	private static byte[] edit(byte[] file, UnaryOperator<OnnxMl.GraphProto.Builder> change) {
		OnnxMl.ModelProto model = OnnxFiles.parse(file);
		return model.toBuilder().setGraph(change.apply(model.getGraph().toBuilder())).build().toByteArray();
	}

	private static void assertRefused(byte[] file, String part, String message) {
		assertThatExceptionOfType(UnsupportedOnnxModelException.class).isThrownBy(() -> OnnxImport.read(file))
			.withMessageStartingWith(message)
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.part()).isEqualTo(part));
	}

}
