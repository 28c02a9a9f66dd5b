package dev.descent.engine;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * The summed gradients ∂C/∂w and ∂C/∂b of one mini-batch, shaped like the network.
 *
 * <p>
 * The first layer's gradient is the sum over the batch of outer products x δ¹ᵀ, and about
 * 81% of an MNIST image's pixels are 0, so it is held factored: each example's non-zero
 * pixels and δ¹. Plain SGD adds it straight into the weights ({@link #addFirstLayerTo}),
 * touching only the rows of those pixels, with no dense gradient ever written or cleared.
 * An optimiser that needs the dense matrix asks {@link #weights(int)} for it, which
 * materialises it (visiting only the touched rows). Buffers are allocated once; nothing
 * here allocates per example.
 */
public final class Gradients {

	final DMatrixRMaj[] weights;

	final DMatrixRMaj[] biases;

	private final int width;

	private final int[][] exampleIndex;

	private final double[][] exampleValue;

	private final int[] exampleNnz;

	private final double[][] exampleDelta;

	private int examples;

	/**
	 * First-layer rows holding a non-zero materialised gradient, {@code rowCount} valid.
	 */
	private final int[] rows;

	private final boolean[] touched;

	private int rowCount;

	/**
	 * @param capacity how many examples' factors to hold before folding them into the
	 * dense matrix (the batch size, capped)
	 */
	Gradients(NetworkSpec spec, int capacity) {
		this.weights = Optimizers.weightShapes(spec);
		this.biases = Optimizers.biasShapes(spec);
		this.width = spec.size(1);
		this.exampleIndex = new int[capacity][spec.size(0)];
		this.exampleValue = new double[capacity][spec.size(0)];
		this.exampleNnz = new int[capacity];
		this.exampleDelta = new double[capacity][this.width];
		this.rows = new int[spec.size(0)];
		this.touched = new boolean[spec.size(0)];
	}

	/**
	 * Makes room for the next example and points {@code forward}'s input at its storage,
	 * so the example's non-zero pixels are loaded where {@link #addFirstLayer} keeps
	 * them.
	 */
	void prepareNext(Forward forward) {
		if (this.examples == this.exampleNnz.length) {
			materialise();
		}
		forward.inputBuffers(this.exampleIndex[this.examples], this.exampleValue[this.examples]);
	}

	/**
	 * Adds the prepared example's first-layer gradient x δ¹ᵀ; its input was loaded into
	 * the buffers {@link #prepareNext} handed out.
	 * @param delta δ¹, not modified
	 */
	void addFirstLayer(int nnz, double[] delta) {
		int e = this.examples++;
		System.arraycopy(delta, 0, this.exampleDelta[e], 0, this.width);
		this.exampleNnz[e] = nnz;
	}

	/**
	 * @return layer {@code l}'s summed weight gradient (dense); read-only for optimisers.
	 * For the first layer this folds the held examples into the matrix first.
	 */
	public DMatrixRMaj weights(int l) {
		if (l == 0) {
			materialise();
		}
		return this.weights[l];
	}

	/**
	 * @return layer {@code l}'s summed bias gradient; read-only for optimisers
	 */
	public DMatrixRMaj biases(int l) {
		return this.biases[l];
	}

	/**
	 * {@code w += rate × (first-layer gradient)}, visiting only rows some example
	 * touched.
	 * @param w the first layer's weights, modified
	 */
	public void addFirstLayerTo(DMatrixRMaj w, double rate) {
		int n = this.width;
		for (int e = 0; e < this.examples; e++) {
			Kernels.sparseOuterProductAdd(n, rate, this.exampleIndex[e], this.exampleValue[e], this.exampleNnz[e],
					this.exampleDelta[e], w.data);
		}
		double[] g = this.weights[0].data;
		for (int k = 0; k < this.rowCount; k++) {
			int offset = this.rows[k] * n;
			Kernels.axpy(n, rate, g, offset, w.data, offset);
		}
	}

	private void materialise() {
		int n = this.width;
		double[] g = this.weights[0].data;
		for (int e = 0; e < this.examples; e++) {
			int[] index = this.exampleIndex[e];
			// rate 1: each element gets fma(value[k], δ[j], g), as one axpy per pixel
			// would give it; an example's pixels are distinct rows
			Kernels.sparseOuterProductAdd(n, 1.0, index, this.exampleValue[e], this.exampleNnz[e], this.exampleDelta[e],
					g);
			for (int k = 0; k < this.exampleNnz[e]; k++) {
				int row = index[k];
				if (!this.touched[row]) {
					this.touched[row] = true;
					this.rows[this.rowCount++] = row;
				}
			}
		}
		this.examples = 0;
	}

	/** Zeroes every gradient, visiting only the touched rows of the first layer. */
	void clear() {
		this.examples = 0;
		DMatrixRMaj first = this.weights[0];
		int n = first.numCols;
		for (int k = 0; k < this.rowCount; k++) {
			int row = this.rows[k];
			Arrays.fill(first.data, row * n, row * n + n, 0.0);
			this.touched[row] = false;
		}
		this.rowCount = 0;
		for (int l = 1; l < this.weights.length; l++) {
			this.weights[l].zero();
		}
		for (DMatrixRMaj b : this.biases) {
			b.zero();
		}
	}

}
