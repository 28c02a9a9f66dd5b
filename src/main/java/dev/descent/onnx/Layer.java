package dev.descent.onnx;

import dev.descent.engine.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * One fully connected layer read from a graph: its weights in the engine's layout (inputs
 * × outputs, row-major), its biases, and the activation once a node applies one.
 */
final class Layer {

	final int inputs;

	final int outputs;

	final double[] weights;

	final double[] biases;

	/** The node that computes the weighted input, as errors name it. */
	final String part;

	private Activation activation;

	private String activationPart;

	Layer(int inputs, int outputs, double[] weights, String part) {
		this.inputs = inputs;
		this.outputs = outputs;
		this.weights = weights;
		this.biases = new double[outputs];
		this.part = part;
	}

	void activate(Activation activation, String part) {
		this.activation = activation;
		this.activationPart = part;
	}

	Activation activation() {
		return this.activation;
	}

	/**
	 * @return the node that applies the activation, as errors name it
	 */
	String activationPart() {
		return this.activationPart;
	}

	/**
	 * Adds {@code values} to the biases: one per output, or one for all.
	 * @param scale multiplies each value (Gemm's beta)
	 * @return false when the count fits neither
	 */
	boolean addBiases(double[] values, double scale) {
		if (values.length != this.outputs && values.length != 1) {
			return false;
		}
		for (int j = 0; j < this.outputs; j++) {
			this.biases[j] += scale * values[(values.length == 1) ? 0 : j];
		}
		return true;
	}

	DMatrixRMaj weightMatrix() {
		return new DMatrixRMaj(this.inputs, this.outputs, true, this.weights);
	}

	DMatrixRMaj biasMatrix() {
		return new DMatrixRMaj(1, this.outputs, true, this.biases);
	}

}
