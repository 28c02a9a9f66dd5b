package dev.descent.engine;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.descent.data.DataSet;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected feed-forward network. Layer l's weights are an EJML matrix of n_(l-1)
 * rows by n_l columns (row i holds the weights leaving input neuron i, the transpose of
 * the book's w^l), its biases a 1 × n_l matrix. With this layout the weighted input of a
 * layer is a sum of rows scaled by the inputs, z = b + Σ_i a_i W[i,:], so several rows
 * can be combined per pass over z (see {@link Kernels}) and a zero input pixel (81% of
 * MNIST's) costs nothing.
 *
 * <p>
 * The trainer owns and mutates the network it trains. Every other use (inference, saving)
 * is read-only, and {@link #predict} allocates its own buffers, so any number of threads
 * may predict with a network that is not being trained.
 */
public final class Network {

	private final NetworkSpec spec;

	private final DMatrixRMaj[] weights;

	private final DMatrixRMaj[] biases;

	private Network(NetworkSpec spec, DMatrixRMaj[] weights, DMatrixRMaj[] biases) {
		this.spec = spec;
		this.weights = weights;
		this.biases = biases;
	}

	/**
	 * @return a network of this shape with weights and biases drawn by {@code init}
	 */
	public static Network initialise(NetworkSpec spec, Init init, RandomGenerator random) {
		Network network = zeros(spec);
		for (int l = 1; l < spec.depth(); l++) {
			init.fill(network.weights[l - 1], network.biases[l - 1], spec.activation(l), random);
		}
		return network;
	}

	/**
	 * @return a network of this shape with every weight and bias 0
	 */
	public static Network zeros(NetworkSpec spec) {
		int layers = spec.depth() - 1;
		DMatrixRMaj[] w = new DMatrixRMaj[layers];
		DMatrixRMaj[] b = new DMatrixRMaj[layers];
		for (int l = 0; l < layers; l++) {
			w[l] = new DMatrixRMaj(spec.size(l), spec.size(l + 1));
			b[l] = new DMatrixRMaj(1, spec.size(l + 1));
		}
		return new Network(spec, w, b);
	}

	/**
	 * @param weights one n_(l-1) × n_l matrix per layer, copied
	 * @param biases one 1 × n_l matrix per layer, copied
	 * @throws IllegalArgumentException when a shape does not match {@code spec}
	 */
	public static Network of(NetworkSpec spec, List<DMatrixRMaj> weights, List<DMatrixRMaj> biases) {
		Network network = zeros(spec);
		if (weights.size() != spec.depth() - 1 || biases.size() != spec.depth() - 1) {
			throw new IllegalArgumentException("expected " + (spec.depth() - 1) + " weight and bias matrices");
		}
		for (int l = 0; l < weights.size(); l++) {
			copyChecked(weights.get(l), network.weights[l], "weights[" + l + "]");
			copyChecked(biases.get(l), network.biases[l], "biases[" + l + "]");
		}
		return network;
	}

	private static void copyChecked(DMatrixRMaj src, DMatrixRMaj dst, String name) {
		if (src.numRows != dst.numRows || src.numCols != dst.numCols) {
			throw new IllegalArgumentException(
					name + " is " + src.numRows + "x" + src.numCols + ", expected " + dst.numRows + "x" + dst.numCols);
		}
		dst.setTo(src);
	}

	public NetworkSpec spec() {
		return this.spec;
	}

	/**
	 * @return the number of weight layers (depth − 1)
	 */
	public int layerCount() {
		return this.weights.length;
	}

	/**
	 * @return layer {@code l}'s weights (0-based over weight layers), n_l × n_(l+1); the
	 * network's own matrix, to be read, not modified, by anyone but the trainer
	 */
	public DMatrixRMaj weights(int l) {
		return this.weights[l];
	}

	/**
	 * @return layer {@code l}'s biases, 1 × n_(l+1); the network's own matrix
	 */
	public DMatrixRMaj biases(int l) {
		return this.biases[l];
	}

	/**
	 * @return an independent deep copy
	 */
	public Network copy() {
		DMatrixRMaj[] w = new DMatrixRMaj[this.weights.length];
		DMatrixRMaj[] b = new DMatrixRMaj[this.biases.length];
		for (int l = 0; l < w.length; l++) {
			w[l] = this.weights[l].copy();
			b[l] = this.biases[l].copy();
		}
		return new Network(this.spec, w, b);
	}

	/**
	 * The forward pass for one image.
	 * @param input 784 grey values in [0,1], not modified
	 * @return the 10 output activations, newly allocated
	 */
	public double[] predict(double[] input) {
		if (input.length != this.spec.size(0)) {
			throw new IllegalArgumentException("input has " + input.length + " values, expected " + this.spec.size(0));
		}
		Forward forward = new Forward(this.spec);
		forward.denseInput(input);
		forward.run(this);
		return forward.output().clone();
	}

	/**
	 * The forward pass for a batch of images.
	 * @param inputs each 784 grey values in [0,1], not modified
	 * @return one array of 10 output activations per input, newly allocated
	 */
	public double[][] predict(double[][] inputs) {
		Forward forward = new Forward(this.spec);
		double[][] outputs = new double[inputs.length][];
		for (int i = 0; i < inputs.length; i++) {
			Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
			if (inputs[i].length != this.spec.size(0)) {
				throw new IllegalArgumentException(
						"inputs[" + i + "] has " + inputs[i].length + " values, expected " + this.spec.size(0));
			}
			forward.denseInput(inputs[i]);
			forward.run(this);
			outputs[i] = forward.output().clone();
		}
		return outputs;
	}

	/**
	 * @return the number of examples of {@code data} whose output's argmax is the label:
	 * the diagonal of {@link #confusion}
	 */
	public int countCorrect(DataSet data) {
		int[][] counts = confusion(data);
		int correct = 0;
		for (int label = 0; label < counts.length; label++) {
			correct += counts[label][label];
		}
		return correct;
	}

	/**
	 * The confusion matrix of this network on {@code data}.
	 * @return {@code counts[label][predicted]}: how many examples with that label the
	 * network classifies (by its output's argmax) as {@code predicted}; 10 × 10, newly
	 * allocated
	 */
	public int[][] confusion(DataSet data) {
		int classes = this.spec.size(this.spec.depth() - 1);
		int[][] counts = new int[classes][classes];
		Forward forward = new Forward(this.spec);
		for (int i = 0; i < data.size(); i++) {
			forward.sparseInput(data, i);
			forward.run(this);
			counts[data.label(i)][argmax(forward.output())]++;
		}
		return counts;
	}

	/**
	 * @return the index of the largest value (the first, on ties)
	 */
	public static int argmax(double[] values) {
		int best = 0;
		for (int j = 1; j < values.length; j++) {
			if (values[j] > values[best]) {
				best = j;
			}
		}
		return best;
	}

}
