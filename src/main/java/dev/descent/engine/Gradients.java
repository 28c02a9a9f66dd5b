package dev.descent.engine;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * The summed gradients ∂C/∂w and ∂C/∂b of one mini-batch, shaped like the network, one
 * array per weight row.
 *
 * <p>
 * The first layer's gradient is the sum over the batch of outer products x δ¹ᵀ, and about
 * 81% of an MNIST image's pixels are 0, so it is held factored: each example's non-zero
 * pixels and δ¹. Plain SGD adds it straight into the weights ({@link #addFirstLayerTo}),
 * touching only the rows of those pixels, with no dense gradient ever written or cleared.
 * An optimiser that needs the dense rows asks {@link #row} for them, after
 * {@link #materialise} has folded the held examples in (visiting only the touched rows).
 *
 * <p>
 * Both visit the held examples pixel by pixel: for each pixel, the examples in which it
 * is not zero, in batch order, four per pass over the row (the row is loaded and stored
 * once per four examples rather than once per example). Each worker takes a fixed range
 * of pixels, and each element receives its terms in batch order, so the bits are those of
 * one example at a time on one thread. Buffers are allocated once; nothing here allocates
 * per example.
 */
public final class Gradients {

	/**
	 * Dense weight-gradient rows per layer. Layer 0's row p is valid only when
	 * {@code stamp[p] == batch}; other rows are zero by definition.
	 */
	final double[][][] weights;

	final double[][] biases;

	final int width;

	final int[][] exampleIndex;

	final double[][] exampleValue;

	final int[] exampleNnz;

	/** δ¹ of each held example. */
	final double[][] exampleDelta;

	int examples;

	private final int[] stamp;

	private int batch = 1;

	private final double[] zeroRow;

	final Workers workers;

	/** Per worker: each of its pixels' examples, as in compressed sparse columns. */
	private final PixelLists[] lists;

	/**
	 * @param capacity how many examples' factors to hold before folding them into the
	 * dense rows (the batch size, capped)
	 */
	Gradients(NetworkSpec spec, int capacity, Workers workers) {
		this.weights = new double[spec.depth() - 1][][];
		this.biases = new double[spec.depth() - 1][];
		for (int l = 0; l < this.weights.length; l++) {
			this.weights[l] = new double[spec.size(l)][spec.size(l + 1)];
			this.biases[l] = new double[spec.size(l + 1)];
		}
		this.width = spec.size(1);
		this.exampleIndex = new int[capacity][spec.size(0)];
		this.exampleValue = new double[capacity][spec.size(0)];
		this.exampleNnz = new int[capacity];
		this.exampleDelta = new double[capacity][this.width];
		this.stamp = new int[spec.size(0)];
		this.zeroRow = new double[this.width];
		this.workers = workers;
		this.lists = new PixelLists[workers.count()];
		for (int w = 0; w < this.lists.length; w++) {
			this.lists[w] = new PixelLists(spec.size(0), capacity);
		}
	}

	Gradients(NetworkSpec spec, int capacity) {
		this(spec, capacity, Workers.single());
	}

	int capacity() {
		return this.exampleNnz.length;
	}

	/**
	 * @return layer {@code l}'s summed weight gradient, row {@code i}: the gradient's own
	 * array (a shared row of zeros for a first-layer row no example touched), read-only.
	 * The first layer's rows are complete only after {@link #materialise}.
	 */
	double[] row(int l, int i) {
		if (l == 0 && this.stamp[i] != this.batch) {
			return this.zeroRow;
		}
		return this.weights[l][i];
	}

	/**
	 * @return a copy of layer {@code l}'s summed weight gradient (dense), folding the
	 * held first-layer examples in first
	 */
	public DMatrixRMaj weights(int l) {
		if (l == 0) {
			materialise();
		}
		double[][] rows = this.weights[l];
		int n = rows[0].length;
		DMatrixRMaj m = new DMatrixRMaj(rows.length, n);
		for (int i = 0; i < rows.length; i++) {
			System.arraycopy(row(l, i), 0, m.data, i * n, n);
		}
		return m;
	}

	/**
	 * @return a copy of layer {@code l}'s summed bias gradient
	 */
	public DMatrixRMaj biases(int l) {
		return new DMatrixRMaj(1, this.biases[l].length, true, this.biases[l].clone());
	}

	/**
	 * Folds the held examples into the first layer's dense rows, on every worker.
	 */
	void materialise() {
		if (this.examples == 0) {
			return;
		}
		this.workers.run(this.materialiseTask);
		this.examples = 0;
	}

	/** Made once: a method reference made per step would allocate on every step. */
	private final Workers.Task materialiseTask = this::materialiseShare;

	private void materialiseShare(int worker, int workers) {
		PixelLists pixels = this.lists[worker];
		int from = Workers.from(worker, workers, this.stamp.length);
		int to = Workers.from(worker + 1, workers, this.stamp.length);
		pixels.build(this, from, to);
		for (int p = from; p < to; p++) {
			int count = pixels.count(p);
			if (count == 0) {
				continue;
			}
			double[] g = this.weights[0][p];
			if (this.stamp[p] != this.batch) {
				Arrays.fill(g, 0.0);
				this.stamp[p] = this.batch;
			}
			Kernels.sparseRowCombination(this.width, pixels.example, pixels.value, count, this.exampleDelta, g,
					pixels.start[p]);
		}
	}

	/**
	 * {@code rows += rate × (first-layer gradient)}, visiting only rows some example
	 * touched: first the rows already materialised, then the held examples.
	 * @param rows the first layer's weight rows, modified
	 */
	void addFirstLayerTo(double[][] rows, double rate) {
		this.pendingRows = rows;
		this.pendingRate = rate;
		this.workers.run(this.addShare);
		this.pendingRows = null;
	}

	private double[][] pendingRows;

	private double pendingRate;

	private final Workers.Task addShare = this::addFirstLayerShare;

	private void addFirstLayerShare(int worker, int workers) {
		double[][] rows = this.pendingRows;
		double rate = this.pendingRate;
		int from = Workers.from(worker, workers, this.stamp.length);
		int to = Workers.from(worker + 1, workers, this.stamp.length);
		for (int p = from; p < to; p++) {
			if (this.stamp[p] == this.batch) {
				Kernels.axpy(this.width, rate, this.weights[0][p], rows[p]);
			}
		}
		if (workers == 1 && (this.examples < PixelLists.BY_PIXEL_FROM || this.width < PixelLists.BY_PIXEL_WIDTH)) {
			for (int e = 0; e < this.examples; e++) {
				Kernels.sparseOuterProductAdd(this.width, rate, this.exampleIndex[e], this.exampleValue[e],
						this.exampleNnz[e], this.exampleDelta[e], rows);
			}
		}
		else {
			addHeldByPixel(rows, rate, worker, from, to);
		}
	}

	/**
	 * Adds the held examples pixel by pixel on the calling thread, whatever their number
	 * (for KernelBenchmark).
	 */
	void addFirstLayerToByPixel(double[][] rows, double rate) {
		addHeldByPixel(rows, rate, 0, 0, this.stamp.length);
	}

	private void addHeldByPixel(double[][] rows, double rate, int worker, int from, int to) {
		PixelLists pixels = this.lists[worker];
		pixels.build(this, from, to);
		for (int p = from; p < to; p++) {
			int count = pixels.count(p);
			if (count != 0) {
				Kernels.scaledSparseRowCombination(this.width, rate, pixels.example, pixels.value, count,
						this.exampleDelta, rows[p], pixels.start[p]);
			}
		}
	}

	/** Starts a new mini-batch: every gradient is zero. */
	void clear() {
		this.examples = 0;
		this.batch++;
	}

	/**
	 * For a range of pixels, the held examples in which each is not zero, in batch order,
	 * with the pixel's value: entries {@code start[p]} to {@code start[p + 1]} of
	 * {@code example} and {@code value}.
	 */
	static final class PixelLists {

		/**
		 * From how many held examples the pixel-by-pixel pass pays on one thread; below
		 * it, example by example is as fast (measured in KernelBenchmark). Either gives
		 * the same bits.
		 */
		static final int BY_PIXEL_FROM = 16;

		/**
		 * From how many columns (the first layer's width) the pixel-by-pixel pass pays on
		 * one thread: building the lists costs the same per non-zero pixel whatever the
		 * width, and what it saves grows with the width. Measured with the command line
		 * on one thread, m = 32 and 128: example by example is faster at 30 and 60
		 * columns, pixel by pixel at 100 (the README's Speed section).
		 */
		static final int BY_PIXEL_WIDTH = 80;

		final int[] start;

		private final int[] next;

		final int[] example;

		final double[] value;

		PixelLists(int pixels, int capacity) {
			this.start = new int[pixels + 1];
			this.next = new int[pixels];
			this.example = new int[pixels * capacity];
			this.value = new double[pixels * capacity];
		}

		int count(int p) {
			return this.start[p + 1] - this.start[p];
		}

		void build(Gradients g, int from, int to) {
			Arrays.fill(this.start, from, to + 1, 0);
			for (int e = 0; e < g.examples; e++) {
				int[] index = g.exampleIndex[e];
				int nnz = g.exampleNnz[e];
				for (int k = firstAtLeast(index, nnz, from); k < nnz && index[k] < to; k++) {
					this.start[index[k] + 1]++;
				}
			}
			int total = 0;
			for (int p = from; p < to; p++) {
				int c = this.start[p + 1];
				this.start[p] = total;
				this.next[p] = total;
				total += c;
			}
			this.start[to] = total;
			for (int e = 0; e < g.examples; e++) {
				int[] index = g.exampleIndex[e];
				double[] values = g.exampleValue[e];
				int nnz = g.exampleNnz[e];
				for (int k = firstAtLeast(index, nnz, from); k < nnz && index[k] < to; k++) {
					int at = this.next[index[k]]++;
					this.example[at] = e;
					this.value[at] = values[k];
				}
			}
		}

		/**
		 * @return the first k with index[k] ≥ p; indices ascend
		 */
		private static int firstAtLeast(int[] index, int nnz, int p) {
			int lo = 0;
			int hi = nnz;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (index[mid] < p) {
					lo = mid + 1;
				}
				else {
					hi = mid;
				}
			}
			return lo;
		}

	}

}
