package dev.descent.engine;

import java.util.Arrays;

import dev.descent.data.DataSet;

/**
 * A network's architecture: layer sizes (first 784, last 10) and activations.
 *
 * @param layers sizes of every layer, input first; copied
 * @param hidden activation of every hidden layer (sigmoid or ReLU)
 * @param output activation of the output layer (sigmoid or softmax)
 */
public record NetworkSpec(int[] layers, Activation hidden, Activation output) {

	public NetworkSpec {
		layers = layers.clone();
		if (layers.length < 2) {
			throw new IllegalArgumentException("layers must have at least 2 entries, got " + layers.length);
		}
		if (layers[0] != DataSet.IMAGE_SIZE) {
			throw new IllegalArgumentException("layers[0] must be " + DataSet.IMAGE_SIZE + ", got " + layers[0]);
		}
		if (layers[layers.length - 1] != DataSet.CLASSES) {
			throw new IllegalArgumentException("layers[" + (layers.length - 1) + "] must be " + DataSet.CLASSES
					+ ", got " + layers[layers.length - 1]);
		}
		for (int l = 1; l < layers.length - 1; l++) {
			if (layers[l] < 1) {
				throw new IllegalArgumentException("layers[" + l + "] must be positive, got " + layers[l]);
			}
		}
		if (!hidden.allowedHidden()) {
			throw new IllegalArgumentException("hidden activation must be sigmoid or relu, got " + hidden.id());
		}
		if (!output.allowedOutput()) {
			throw new IllegalArgumentException("output activation must be sigmoid or softmax, got " + output.id());
		}
	}

	/** The book's first network [784, 30, 10] with sigmoid neurons throughout. */
	public static NetworkSpec sigmoid(int... layers) {
		return new NetworkSpec(layers, Activation.SIGMOID, Activation.SIGMOID);
	}

	/**
	 * @return a copy of the layer sizes
	 */
	@Override
	public int[] layers() {
		return this.layers.clone();
	}

	/**
	 * @return the size of layer {@code l} (0 is the input)
	 */
	public int size(int l) {
		return this.layers[l];
	}

	/**
	 * @return the number of layers, input included
	 */
	public int depth() {
		return this.layers.length;
	}

	/**
	 * @return the activation of layer {@code l} (1..depth-1)
	 */
	public Activation activation(int l) {
		return (l == this.layers.length - 1) ? this.output : this.hidden;
	}

	/**
	 * @return the number of weights and biases
	 */
	public long parameterCount() {
		return parameterCount(this.layers);
	}

	/**
	 * @return the number of weights and biases of a network with these layer sizes
	 */
	public static long parameterCount(int[] layers) {
		long count = 0;
		for (int l = 1; l < layers.length; l++) {
			count += (long) layers[l - 1] * layers[l] + layers[l];
		}
		return count;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof NetworkSpec other && Arrays.equals(this.layers, other.layers) && this.hidden == other.hidden
				&& this.output == other.output;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.layers) * 31 + this.hidden.hashCode() * 7 + this.output.hashCode();
	}

	@Override
	public String toString() {
		return Arrays.toString(this.layers) + " " + this.hidden.id() + "/" + this.output.id();
	}

}
