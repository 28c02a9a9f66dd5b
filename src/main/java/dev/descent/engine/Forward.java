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

	/** Runs the loaded input through {@code network}, filling z and a of every layer. */
	void run(Network network) {
		int last = this.spec.depth() - 1;
		for (int l = 1; l <= last; l++) {
			double[] zl = this.z[l];
			int n = zl.length;
			System.arraycopy(network.biases(l - 1).data, 0, zl, 0, n);
			double[] w = network.weights(l - 1).data;
			if (l == 1) {
				Kernels.sparseRowCombination(n, this.inputIndex, this.inputValue, this.nnz, w, zl);
			}
			else {
				Kernels.denseRowCombination(n, this.a[l - 1], w, zl);
			}
			this.spec.activation(l).apply(zl, this.a[l], n);
		}
	}

	/**
	 * @return the output layer's activations (the buffer itself)
	 */
	double[] output() {
		return this.a[this.spec.depth() - 1];
	}

}
