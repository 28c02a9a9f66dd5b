package dev.descent.engine;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.descent.data.DataSet;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected feed-forward network. Layer l's weights are n_(l-1) rows of n_l
 * values, one {@code double[]} per row (row i holds the weights leaving input neuron i,
 * the transpose of the book's w^l), its biases one array of n_l. With this layout the
 * weighted input of a layer is a sum of rows scaled by the inputs, z = b + Σ_i a_i
 * W[i,:], so a zero input pixel (81% of MNIST's) costs nothing, and a row of its own is
 * what lets C2 vectorise the sum (see {@link Kernels}). {@link #weights} and
 * {@link #biases} answer EJML copies, so the model file and checkpoint formats do not
 * depend on this layout.
 *
 * <p>
 * Each layer's weights are held as w = s · v, with a scale factor s beside the rows v (1
 * except while plain SGD with L2 trains it): L2's decay of every weight is then one
 * multiplication of s (see {@link Sgd}). The trainer folds s back into the rows after
 * every epoch, so checkpoints, evaluation and saved models see plain weights.
 *
 * <p>
 * The trainer owns and mutates the network it trains. Every other use (inference, saving)
 * is read-only, and {@link #predict} allocates its own buffers, so any number of threads
 * may predict with a network that is not being trained.
 */
public final class Network {

	private final NetworkSpec spec;

	/** rows[l][i]: the weights leaving neuron i of layer l (times scale[l]). */
	final double[][][] rows;

	final double[][] biases;

	/** w = scale[l] · rows[l]. */
	final double[] scale;

	private Network(NetworkSpec spec) {
		this.spec = spec;
		int layers = spec.depth() - 1;
		this.rows = new double[layers][][];
		this.biases = new double[layers][];
		this.scale = new double[layers];
		for (int l = 0; l < layers; l++) {
			this.rows[l] = new double[spec.size(l)][spec.size(l + 1)];
			this.biases[l] = new double[spec.size(l + 1)];
			this.scale[l] = 1.0;
		}
	}

	/**
	 * @return a network of this shape with weights and biases drawn by {@code init}
	 */
	public static Network initialise(NetworkSpec spec, Init init, RandomGenerator random) {
		Network network = zeros(spec);
		for (int l = 1; l < spec.depth(); l++) {
			init.fill(network.rows[l - 1], network.biases[l - 1], spec.activation(l), random);
		}
		return network;
	}

	/**
	 * @return a network of this shape with every weight and bias 0
	 */
	public static Network zeros(NetworkSpec spec) {
		return new Network(spec);
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
			DMatrixRMaj w = checked(weights.get(l), spec.size(l), spec.size(l + 1), "weights[" + l + "]");
			int n = w.numCols;
			for (int i = 0; i < w.numRows; i++) {
				System.arraycopy(w.data, i * n, network.rows[l][i], 0, n);
			}
			DMatrixRMaj b = checked(biases.get(l), 1, spec.size(l + 1), "biases[" + l + "]");
			System.arraycopy(b.data, 0, network.biases[l], 0, b.numCols);
		}
		return network;
	}

	private static DMatrixRMaj checked(DMatrixRMaj m, int rows, int cols, String name) {
		if (m.numRows != rows || m.numCols != cols) {
			throw new IllegalArgumentException(
					name + " is " + m.numRows + "x" + m.numCols + ", expected " + rows + "x" + cols);
		}
		return m;
	}

	public NetworkSpec spec() {
		return this.spec;
	}

	/**
	 * @return the number of weight layers (depth − 1)
	 */
	public int layerCount() {
		return this.rows.length;
	}

	/**
	 * @return a copy of layer {@code l}'s weights (0-based over weight layers), n_l ×
	 * n_(l+1), row-major
	 */
	public DMatrixRMaj weights(int l) {
		double[][] v = this.rows[l];
		int n = this.spec.size(l + 1);
		DMatrixRMaj w = new DMatrixRMaj(v.length, n);
		double s = this.scale[l];
		for (int i = 0; i < v.length; i++) {
			for (int j = 0; j < n; j++) {
				w.data[i * n + j] = s * v[i][j];
			}
		}
		return w;
	}

	/**
	 * @return a copy of layer {@code l}'s biases, 1 × n_(l+1)
	 */
	public DMatrixRMaj biases(int l) {
		return new DMatrixRMaj(1, this.biases[l].length, true, this.biases[l].clone());
	}

	/**
	 * @return one weight, w[i][j] of layer {@code l}
	 */
	public double weight(int l, int i, int j) {
		return this.scale[l] * this.rows[l][i][j];
	}

	/**
	 * Sets one weight; for tests and tools that build a network by hand.
	 */
	public void setWeight(int l, int i, int j, double value) {
		renormalise(l);
		this.rows[l][i][j] = value;
	}

	/**
	 * Folds every layer's scale factor into its rows (v ← s·v, s ← 1).
	 */
	void renormalise() {
		for (int l = 0; l < this.rows.length; l++) {
			renormalise(l);
		}
	}

	void renormalise(int l) {
		double s = this.scale[l];
		if (s == 1.0) {
			return;
		}
		for (double[] row : this.rows[l]) {
			for (int j = 0; j < row.length; j++) {
				row[j] *= s;
			}
		}
		this.scale[l] = 1.0;
	}

	/**
	 * @return an independent deep copy
	 */
	public Network copy() {
		Network copy = new Network(this.spec);
		for (int l = 0; l < this.rows.length; l++) {
			for (int i = 0; i < this.rows[l].length; i++) {
				System.arraycopy(this.rows[l][i], 0, copy.rows[l][i], 0, this.rows[l][i].length);
			}
			System.arraycopy(this.biases[l], 0, copy.biases[l], 0, this.biases[l].length);
			copy.scale[l] = this.scale[l];
		}
		return copy;
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
