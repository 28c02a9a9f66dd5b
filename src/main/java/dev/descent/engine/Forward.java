package dev.descent.engine;

import dev.descent.data.DataSet;

/**
 * Buffers for one forward pass, allocated once per thread or training run and reused for
 * every example: the input (sparse or dense), and each layer's weighted input z and
 * activation a. Not thread-safe: each caller has its own.
 */
final class Forward {

	final NetworkSpec spec;

	/**
	 * Non-zero input indices and values; {@code nnz} of them are valid. The trainer
	 * points these at the gradient's storage for the example (see {@link #inputBuffers})
	 * so they are never copied.
	 */
	int[] inputIndex;

	double[] inputValue;

	int nnz;

	/** z[l] and a[l] for layers 1..depth-1 (index 0 unused). */
	final double[][] z;

	final double[][] a;

	/** Σ_i x_i v_i of the layer being computed, before its scale and bias. */
	private final double[] sum;

	/** The non-zero activations of the layer below, as indices and values. */
	private final int[] activeIndex;

	private final double[] activeValue;

	Forward(NetworkSpec spec) {
		this.spec = spec;
		this.inputIndex = new int[spec.size(0)];
		this.inputValue = new double[spec.size(0)];
		this.z = new double[spec.depth()][];
		this.a = new double[spec.depth()][];
		for (int l = 1; l < spec.depth(); l++) {
			this.z[l] = new double[spec.size(l)];
			this.a[l] = new double[spec.size(l)];
		}
		int widest = 0;
		for (int l = 1; l < spec.depth(); l++) {
			widest = Math.max(widest, spec.size(l));
		}
		this.sum = new double[widest];
		this.activeIndex = new int[widest];
		this.activeValue = new double[widest];
	}

	/**
	 * Makes the next inputs load into these arrays.
	 * @param index at least 784 long, modified by later loads
	 * @param value at least 784 long, modified by later loads
	 */
	void inputBuffers(int[] index, double[] value) {
		this.inputIndex = index;
		this.inputValue = value;
	}

	/** Loads example {@code i} of {@code data} as the input. */
	void sparseInput(DataSet data, int i) {
		this.nnz = data.sparseImage(i, this.inputIndex, this.inputValue);
	}

	/**
	 * Loads a dense input, keeping its non-zero entries.
	 * @param input not modified
	 */
	void denseInput(double[] input) {
		int n = 0;
		for (int p = 0; p < input.length; p++) {
			if (input[p] != 0.0) {
				this.inputIndex[n] = p;
				this.inputValue[n++] = input[p];
			}
		}
		this.nnz = n;
	}

	/**
	 * Runs the loaded input through {@code network}, filling z and a of every layer. Each
	 * layer skips the inputs that are 0 (the pixels of the background, ReLU's inactive
	 * neurons).
	 */
	void run(Network network) {
		int last = this.spec.depth() - 1;
		for (int l = 1; l <= last; l++) {
			double[] zl = this.z[l];
			int n = zl.length;
			double[] acc = this.sum;
			java.util.Arrays.fill(acc, 0, n, 0.0);
			if (l == 1) {
				Kernels.sparseRowCombination(n, this.inputIndex, this.inputValue, this.nnz, network.rows[0], acc);
			}
			else {
				int active = active(this.a[l - 1]);
				Kernels.sparseRowCombination(n, this.activeIndex, this.activeValue, active, network.rows[l - 1], acc);
			}
			Kernels.addScaled(n, network.scale[l - 1], acc, network.biases[l - 1], zl);
			this.spec.activation(l).apply(zl, this.a[l], n);
		}
	}

	private int active(double[] x) {
		int count = 0;
		for (int i = 0; i < x.length; i++) {
			if (x[i] != 0.0) {
				this.activeIndex[count] = i;
				this.activeValue[count++] = x[i];
			}
		}
		return count;
	}

	/**
	 * @return the output layer's activations (the buffer itself)
	 */
	double[] output() {
		return this.a[this.spec.depth() - 1];
	}

}
