package dev.descent.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.descent.data.DataSet;
import dev.descent.engine.Activation;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads an ONNX file, parsed with the ONNX classes that ship with Tribuo, into a network
 * descent can run: one input of [N,784] images, a chain of fully connected layers (see
 * {@link LayerChain}) with one activation for every hidden layer (Sigmoid or Relu) and
 * Softmax or Sigmoid on the output, 10 outputs. Weights may be float32 or float64; they
 * are widened to double.
 */
public final class OnnxImport {

	/** Gemm's broadcasting and attributes took their present form in opset 7. */
	static final long OLDEST_OPSET = 7;

	private OnnxImport() {
	}

	/**
	 * @param file the .onnx file's bytes, not modified
	 * @throws UnsupportedOnnxModelException naming the part of the file that descent
	 * cannot read or run
	 */
	public static ImportedNetwork read(byte[] file) {
		ModelProto model = parse(file);
		long opset = opset(model);
		GraphProto graph = model.getGraph();
		LayerChain.requireOperators(graph.getNodeList());
		ValueInfoProto input = input(graph);
		LayerChain chain = new LayerChain(graph, input.getName(), DataSet.IMAGE_SIZE, opset);
		List<Layer> layers = chain.follow(graph.getNodeList());
		if (layers.isEmpty()) {
			throw new UnsupportedOnnxModelException("the graph",
					"has no layers: descent imports fully connected networks (Gemm, or MatMul and Add)");
		}
		output(graph, chain);
		return new ImportedNetwork(network(layers), producer(model));
	}

	private static ModelProto parse(byte[] file) {
		if (file.length == 0) {
			throw new UnsupportedOnnxModelException("the body", "is empty: send the .onnx file");
		}
		ModelProto model;
		try {
			model = ModelProto.parseFrom(file);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new UnsupportedOnnxModelException("the file",
					"is not a readable ONNX model (truncated, or not ONNX): " + firstSentence(ex.getMessage()));
		}
		if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
			throw new UnsupportedOnnxModelException("the file",
					"holds no ONNX graph: it is not an ONNX model, or it is cut short");
		}
		return model;
	}

	private static long opset(ModelProto model) {
		for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
			if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
				if (opset.getVersion() < OLDEST_OPSET) {
					throw new UnsupportedOnnxModelException("the file", "uses opset " + opset.getVersion()
							+ ": descent reads opset " + OLDEST_OPSET + " and later");
				}
				return opset.getVersion();
			}
		}
		throw new UnsupportedOnnxModelException("the file",
				"imports no standard ONNX opset: it is not a complete ONNX model");
	}

	private static ValueInfoProto input(GraphProto graph) {
		Set<String> initializers = graph.getInitializerList()
			.stream()
			.map(TensorProto::getName)
			.collect(Collectors.toSet());
		List<ValueInfoProto> inputs = graph.getInputList()
			.stream()
			.filter((value) -> !initializers.contains(value.getName()))
			.toList();
		if (inputs.size() != 1) {
			throw new UnsupportedOnnxModelException("the graph",
					"has " + inputs.size() + " inputs " + names(inputs) + ": descent's networks take one, the images");
		}
		ValueInfoProto input = inputs.get(0);
		requireImages("input '" + input.getName() + "'", input, DataSet.IMAGE_SIZE,
				"descent's networks take 784 values per image (28×28 pixels)");
		return input;
	}

	private static void output(GraphProto graph, LayerChain chain) {
		if (graph.getOutputCount() != 1) {
			throw new UnsupportedOnnxModelException("the graph", "has " + graph.getOutputCount() + " outputs "
					+ names(graph.getOutputList()) + ": descent's networks have one, the 10 digits' scores");
		}
		ValueInfoProto output = graph.getOutput(0);
		String part = "output '" + output.getName() + "'";
		if (!output.getName().equals(chain.output())) {
			throw new UnsupportedOnnxModelException(part, "is not what the last layer computes, '" + chain.output()
					+ "': descent runs a chain of layers, without branches");
		}
		if (chain.width() != DataSet.CLASSES) {
			throw new UnsupportedOnnxModelException(part,
					"has " + chain.width() + " values per image: descent's networks have 10, one per digit");
		}
		requireImages(part, output, DataSet.CLASSES, "descent's networks have 10 outputs, one per digit");
	}

	/**
	 * Checks a declared input or output: float32 or float64, [N, size]. A value may leave
	 * its type or shape out; the weights then decide.
	 */
	private static void requireImages(String part, ValueInfoProto value, int size, String expectation) {
		if (!value.hasType() || !value.getType().hasTensorType()) {
			return;
		}
		OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
		int type = tensor.getElemType();
		if (type != TensorProto.DataType.FLOAT_VALUE && type != TensorProto.DataType.DOUBLE_VALUE) {
			throw new UnsupportedOnnxModelException(part,
					"has element type " + OnnxTensors.typeName(type) + ": descent reads float32 or float64");
		}
		if (!tensor.hasShape()) {
			return;
		}
		TensorShapeProto shape = tensor.getShape();
		if (shape.getDimCount() != 2) {
			throw new UnsupportedOnnxModelException(part, "has shape " + shape(shape) + ": descent's networks take [N,"
					+ DataSet.IMAGE_SIZE + "] and answer [N," + DataSet.CLASSES + "], one image per row");
		}
		TensorShapeProto.Dimension perImage = shape.getDim(1);
		if (perImage.hasDimValue() && perImage.getDimValue() != size) {
			throw new UnsupportedOnnxModelException(part, "has shape " + shape(shape) + ": " + expectation);
		}
	}

	private static Network network(List<Layer> layers) {
		int[] sizes = new int[layers.size() + 1];
		sizes[0] = layers.get(0).inputs;
		List<DMatrixRMaj> weights = new ArrayList<>();
		List<DMatrixRMaj> biases = new ArrayList<>();
		for (int l = 0; l < layers.size(); l++) {
			sizes[l + 1] = layers.get(l).outputs;
			weights.add(layers.get(l).weightMatrix());
			biases.add(layers.get(l).biasMatrix());
		}
		return Network.of(new NetworkSpec(sizes, hiddenActivation(layers), outputActivation(layers)), weights, biases);
	}

	private static Activation hiddenActivation(List<Layer> layers) {
		Activation hidden = null;
		for (Layer layer : layers.subList(0, layers.size() - 1)) {
			if (!layer.activation().allowedHidden()) {
				throw new UnsupportedOnnxModelException(layer.activationPart(),
						"is in a hidden layer: descent uses Softmax on the output layer only");
			}
			if (hidden != null && layer.activation() != hidden) {
				throw new UnsupportedOnnxModelException(layer.activationPart(), "differs from the first hidden layer's "
						+ name(hidden) + ": descent uses one activation for every hidden layer");
			}
			hidden = layer.activation();
		}
		return (hidden != null) ? hidden : Activation.SIGMOID;
	}

	private static Activation outputActivation(List<Layer> layers) {
		Layer last = layers.get(layers.size() - 1);
		if (!last.activation().allowedOutput()) {
			throw new UnsupportedOnnxModelException(last.activationPart(),
					"ends the network: descent's output layer ends in Softmax or Sigmoid");
		}
		return last.activation();
	}

	private static String name(Activation activation) {
		return switch (activation) {
			case SIGMOID -> "Sigmoid";
			case RELU -> "Relu";
			case SOFTMAX -> "Softmax";
		};
	}

	private static String producer(ModelProto model) {
		String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
		return producer.isEmpty() ? null : producer;
	}

	private static String names(List<ValueInfoProto> values) {
		return values.stream().map((v) -> "'" + v.getName() + "'").collect(Collectors.joining(", ", "(", ")"));
	}

	private static String shape(TensorShapeProto shape) {
		return shape.getDimList()
			.stream()
			.map((d) -> d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?")
			.collect(Collectors.joining(",", "[", "]"));
	}

	private static String firstSentence(String message) {
		if (message == null) {
			return "it cannot be parsed";
		}
		int end = message.indexOf(". ");
		return (end > 0) ? message.substring(0, end + 1) : message;
	}

}
