package dev.descent.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.descent.engine.Activation;

/**
 * Follows a graph's nodes, in their (topological) order, from the input to the output as
 * a chain of fully connected layers: each node takes the previous one's output. A layer's
 * weighted input is a {@code Gemm}, or a {@code MatMul} and an {@code Add} of the biases;
 * its activation is a {@code Sigmoid}, {@code Relu} or {@code Softmax}. {@code Identity}
 * passes its input on; {@code Constant} nodes are read as initializers. Anything else, or
 * a branch off the chain, is refused naming the node, counted from 0 in the graph's node
 * list.
 */
final class LayerChain {

	/** The operators a chain of fully connected layers is made of. */
	static final Set<String> OPERATORS = Set.of("Constant", "Gemm", "MatMul", "Add", "Sigmoid", "Relu", "Softmax",
			"Identity");

	private final Map<String, TensorProto> constants = new HashMap<>();

	private final List<Layer> layers = new ArrayList<>();

	private final long opset;

	/** The value the chain has reached. */
	private String current;

	private int width;

	/** A layer whose weighted input is computed and whose activation is still to come. */
	private Layer pending;

	LayerChain(GraphProto graph, String input, int width, long opset) {
		graph.getInitializerList().forEach((tensor) -> this.constants.put(tensor.getName(), tensor));
		this.current = input;
		this.width = width;
		this.opset = opset;
	}

	/**
	 * Refuses the first node that is not a standard ONNX operator of {@link #OPERATORS},
	 * before anything else about the graph: that a file is a convolutional network is a
	 * more useful answer than that its input is not [N,784].
	 * @throws UnsupportedOnnxModelException naming the node
	 */
	static void requireOperators(List<NodeProto> nodes) {
		for (int i = 0; i < nodes.size(); i++) {
			NodeProto node = nodes.get(i);
			String part = "node " + i + " (" + node.getOpType() + ")";
			if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
				throw new UnsupportedOnnxModelException(part, "is in the operator domain '" + node.getDomain()
						+ "': descent runs standard ONNX operators only");
			}
			if (!OPERATORS.contains(node.getOpType())) {
				throw new UnsupportedOnnxModelException(part, "is not supported: descent runs fully connected layers");
			}
		}
	}

	/**
	 * @return the layers, input first, each with its activation
	 * @throws UnsupportedOnnxModelException naming the node that does not fit
	 */
	List<Layer> follow(List<NodeProto> nodes) {
		for (int i = 0; i < nodes.size(); i++) {
			NodeProto node = nodes.get(i);
			node("node " + i + " (" + node.getOpType() + ")", node);
		}
		if (this.pending != null) {
			throw new UnsupportedOnnxModelException(this.pending.part,
					"ends the network without an activation: descent's output layer ends in Softmax or Sigmoid");
		}
		return List.copyOf(this.layers);
	}

	/**
	 * @return the value the last node computes
	 */
	String output() {
		return this.current;
	}

	/**
	 * @return the number of values per image the last node computes
	 */
	int width() {
		return this.width;
	}

	private void node(String part, NodeProto node) {
		if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
			throw new UnsupportedOnnxModelException(part,
					"is in the operator domain '" + node.getDomain() + "': descent runs standard ONNX operators only");
		}
		switch (node.getOpType()) {
			case "Constant" -> constant(part, node);
			case "Gemm" -> gemm(part, node);
			case "MatMul" -> matMul(part, node);
			case "Add" -> add(part, node);
			case "Sigmoid" -> activation(part, node, Activation.SIGMOID);
			case "Relu" -> activation(part, node, Activation.RELU);
			case "Softmax" -> softmax(part, node);
			case "Identity" -> advance(part, node, 0);
			default ->
				throw new UnsupportedOnnxModelException(part, "is not supported: descent runs fully connected layers");
		}
	}

	private void constant(String part, NodeProto node) {
		AttributeProto value = Attributes.find(node, "value");
		if (value == null || !value.hasT() || node.getOutputCount() != 1) {
			throw new UnsupportedOnnxModelException(part, "is not a tensor constant descent can read");
		}
		this.constants.put(node.getOutput(0), value.getT());
	}

	private void gemm(String part, NodeProto node) {
		inputs(part, node, 2, 3);
		if (Attributes.integer(node, "transA", 0) != 0) {
			throw new UnsupportedOnnxModelException(part, "has transA=1: descent's layers take one image per row");
		}
		boolean transB = Attributes.integer(node, "transB", 0) != 0;
		double alpha = Attributes.real(node, "alpha", 1.0f);
		Matrix b = matrix(part, node.getInput(1));
		int inputs = transB ? b.columns() : b.rows();
		int outputs = transB ? b.rows() : b.columns();
		double[] weights = new double[inputs * outputs];
		for (int i = 0; i < inputs; i++) {
			for (int j = 0; j < outputs; j++) {
				weights[i * outputs + j] = alpha * (transB ? b.get(j, i) : b.get(i, j));
			}
		}
		Layer layer = startLayer(part, node, inputs, outputs, weights);
		if (node.getInputCount() == 3 && !node.getInput(2).isEmpty()) {
			biases(part, layer, node.getInput(2), Attributes.real(node, "beta", 1.0f));
		}
	}

	private void matMul(String part, NodeProto node) {
		inputs(part, node, 2, 2);
		Matrix b = matrix(part, node.getInput(1));
		startLayer(part, node, b.rows(), b.columns(), b.values());
	}

	private Layer startLayer(String part, NodeProto node, int inputs, int outputs, double[] weights) {
		if (this.pending != null) {
			throw new UnsupportedOnnxModelException(part, "follows " + this.pending.part
					+ " with no activation between them: descent applies an activation after every layer");
		}
		if (inputs != this.width) {
			throw new UnsupportedOnnxModelException(part,
					"has weights for " + inputs + " values per image, but its input has " + this.width);
		}
		advance(part, node, 0);
		this.pending = new Layer(inputs, outputs, weights, part);
		this.width = outputs;
		return this.pending;
	}

	private void add(String part, NodeProto node) {
		inputs(part, node, 2, 2);
		int own = node.getInput(0).equals(this.current) ? 0 : 1;
		if (this.pending == null || !node.getInput(own).equals(this.current)) {
			throw new UnsupportedOnnxModelException(part,
					"does not add biases to a layer's weighted input: descent adds them after Gemm or MatMul only");
		}
		biases(part, this.pending, node.getInput(1 - own), 1.0);
		advance(part, node, own);
	}

	private void biases(String part, Layer layer, String name, double scale) {
		TensorProto tensor = constant(part, name);
		List<Long> dims = OnnxTensors.dims(tensor);
		boolean row = dims.size() < 2 || (dims.size() == 2 && dims.get(0) == 1);
		if (!row || !layer.addBiases(OnnxTensors.values(tensor), scale)) {
			throw new UnsupportedOnnxModelException(part,
					"has biases of shape " + dims + ", expected [" + layer.outputs + "]: one per output of the layer");
		}
	}

	private void activation(String part, NodeProto node, Activation activation) {
		inputs(part, node, 1, 1);
		if (this.pending == null) {
			throw new UnsupportedOnnxModelException(part,
					"does not follow a layer (Gemm, or MatMul and Add): descent applies one activation per layer");
		}
		advance(part, node, 0);
		this.pending.activate(activation, part);
		this.layers.add(this.pending);
		this.pending = null;
	}

	/**
	 * Opset 13 made -1 the default axis; before, 1. On [N, n] both mean each image's row.
	 */
	private void softmax(String part, NodeProto node) {
		long axis = Attributes.integer(node, "axis", (this.opset >= 13) ? -1 : 1);
		if (axis != 1 && axis != -1) {
			throw new UnsupportedOnnxModelException(part,
					"has axis=" + axis + ": descent takes the softmax over each image's outputs (axis 1)");
		}
		activation(part, node, Activation.SOFTMAX);
	}

	private void inputs(String part, NodeProto node, int least, int most) {
		if (node.getInputCount() < least || node.getInputCount() > most) {
			throw new UnsupportedOnnxModelException(part, "has " + node.getInputCount() + " inputs, expected "
					+ ((least == most) ? least : least + " to " + most));
		}
	}

	/**
	 * Moves the chain on to the node's output, when input {@code index} is the chain's.
	 */
	private void advance(String part, NodeProto node, int index) {
		if (node.getInputCount() <= index || !node.getInput(index).equals(this.current)) {
			throw new UnsupportedOnnxModelException(part, "does not take '" + this.current
					+ "', the output of the node before it: descent runs a chain of layers, without branches");
		}
		if (node.getOutputCount() != 1) {
			throw new UnsupportedOnnxModelException(part,
					"has " + node.getOutputCount() + " outputs: descent's layers have one");
		}
		this.current = node.getOutput(0);
	}

	private TensorProto constant(String part, String name) {
		TensorProto tensor = this.constants.get(name);
		if (tensor == null) {
			throw new UnsupportedOnnxModelException(part, "takes '" + name
					+ "' as weights or biases, which is not an initializer: descent imports constant weights");
		}
		return tensor;
	}

	private Matrix matrix(String part, String name) {
		TensorProto tensor = constant(part, name);
		List<Long> dims = OnnxTensors.dims(tensor);
		if (dims.size() != 2) {
			throw new UnsupportedOnnxModelException(part,
					"has weights '" + name + "' of shape " + dims + ": a layer's weights are a matrix");
		}
		return new Matrix(dims.get(0).intValue(), dims.get(1).intValue(), OnnxTensors.values(tensor));
	}

	/** A row-major matrix. */
	private record Matrix(int rows, int columns, double[] values) {

		double get(int i, int j) {
			return this.values[i * this.columns + j];
		}

	}

}
