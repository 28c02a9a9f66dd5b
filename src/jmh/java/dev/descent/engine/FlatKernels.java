package dev.descent.engine;

/**
 * The engine's kernels before issue 13, on one flat row-major array per weight matrix,
 * kept as the baselines {@link KernelBenchmark} measures the per-row kernels against.
 * Their own description, as it was:
 *
 * <p>
 * The engine's innermost loops. EJML's dense multiply cannot skip the zero pixels that
 * make up 81% of an MNIST image; {@code KernelBenchmark} (src/jmh) compares the two.
 *
 * <p>
 * Why they look as they do (measured with JDK 17 and 25 on this project's machines, in
 * {@code KernelBenchmark}): C2 vectorises {@code y[j] += a * x[j]} only when it can prove
 * that the store cannot overlap a later load, and with a loop-invariant row offset such
 * as {@code w[o + j]} it cannot, so these loops stay scalar. What does pay is fewer loads
 * and stores of the accumulator per multiply (several rows per pass over {@code y}) and
 * one fused multiply-add instead of a multiply and an add: {@link Math#fma} is a single
 * instruction on every x86-64 CPU with FMA3 (since 2013) and on every ARMv8 CPU, rounds
 * once, and gives the same bits on every machine, so training stays bit-for-bit
 * repeatable.
 */
final class FlatKernels {

	private FlatKernels() {
	}

	/**
	 * {@code y[yOffset + j] += alpha * x[xOffset + j]} for j in 0..n-1.
	 * @param x not modified
	 * @param y modified
	 */
	static void axpy(int n, double alpha, double[] x, int xOffset, double[] y, int yOffset) {
		for (int j = 0; j < n; j++) {
			y[yOffset + j] = Math.fma(alpha, x[xOffset + j], y[yOffset + j]);
		}
	}

	/**
	 * {@code y[j] += Σ_k value[k] · w[index[k]·n + j]}: the weighted input of a layer
	 * whose input is sparse. Eight rows are combined per pass over y (as two chains of
	 * fused multiply-adds, so that they overlap), which loads and stores y an eighth as
	 * often as one row at a time.
	 * @param index input indices, not modified
	 * @param value input values, not modified
	 * @param w row-major weights with rows of {@code n}, not modified
	 * @param y modified
	 */
	static void sparseRowCombination(int n, int[] index, double[] value, int nnz, double[] w, double[] y) {
		int k = 0;
		for (; k + 7 < nnz; k += 8) {
			double a0 = value[k];
			double a1 = value[k + 1];
			double a2 = value[k + 2];
			double a3 = value[k + 3];
			double a4 = value[k + 4];
			double a5 = value[k + 5];
			double a6 = value[k + 6];
			double a7 = value[k + 7];
			int o0 = index[k] * n;
			int o1 = index[k + 1] * n;
			int o2 = index[k + 2] * n;
			int o3 = index[k + 3] * n;
			int o4 = index[k + 4] * n;
			int o5 = index[k + 5] * n;
			int o6 = index[k + 6] * n;
			int o7 = index[k + 7] * n;
			for (int j = 0; j < n; j++) {
				double s = Math.fma(a3, w[o3 + j], Math.fma(a2, w[o2 + j], Math.fma(a1, w[o1 + j], a0 * w[o0 + j])));
				double t = Math.fma(a7, w[o7 + j],
						Math.fma(a6, w[o6 + j], Math.fma(a5, w[o5 + j], Math.fma(a4, w[o4 + j], y[j]))));
				y[j] = s + t;
			}
		}
		for (; k + 3 < nnz; k += 4) {
			double a0 = value[k];
			double a1 = value[k + 1];
			double a2 = value[k + 2];
			double a3 = value[k + 3];
			int o0 = index[k] * n;
			int o1 = index[k + 1] * n;
			int o2 = index[k + 2] * n;
			int o3 = index[k + 3] * n;
			for (int j = 0; j < n; j++) {
				y[j] = Math.fma(a3, w[o3 + j],
						Math.fma(a2, w[o2 + j], Math.fma(a1, w[o1 + j], Math.fma(a0, w[o0 + j], y[j]))));
			}
		}
		for (; k < nnz; k++) {
			axpy(n, value[k], w, index[k] * n, y, 0);
		}
	}

	/**
	 * {@code y[j] += Σ_i x[i] · w[i·n + j]}: a layer's weighted input from a dense input,
	 * four rows per pass over y. Only the last {@code x.length % 4} rows, added one at a
	 * time, are skipped where x[i] is 0.
	 * @param x the input, not modified
	 * @param w row-major weights with rows of {@code n}, not modified
	 * @param y modified
	 */
	static void denseRowCombination(int n, double[] x, double[] w, double[] y) {
		int i = 0;
		for (; i + 3 < x.length; i += 4) {
			double a0 = x[i];
			double a1 = x[i + 1];
			double a2 = x[i + 2];
			double a3 = x[i + 3];
			int o = i * n;
			for (int j = 0; j < n; j++) {
				y[j] = Math.fma(a3, w[o + 3 * n + j],
						Math.fma(a2, w[o + 2 * n + j], Math.fma(a1, w[o + n + j], Math.fma(a0, w[o + j], y[j]))));
			}
		}
		for (; i < x.length; i++) {
			if (x[i] != 0.0) {
				axpy(n, x[i], w, i * n, y, 0);
			}
		}
	}

	/**
	 * For each row i of a layer: adds {@code x[i] · delta} to the weight gradient's row
	 * and writes the row's dot product with delta (the back-propagated error) to
	 * {@code below[i]}, in one pass over the row.
	 * @param x the layer's input, not modified
	 * @param w row-major weights with rows of {@code n}, not modified
	 * @param delta the layer's δ, not modified
	 * @param gradient row-major, modified
	 * @param below output, modified
	 */
	static void backpropagateRows(int n, double[] x, double[] w, double[] delta, double[] gradient, double[] below) {
		for (int i = 0; i < x.length; i++) {
			double xi = x[i];
			int o = i * n;
			double sum = 0.0;
			for (int j = 0; j < n; j++) {
				gradient[o + j] = Math.fma(xi, delta[j], gradient[o + j]);
				sum = Math.fma(w[o + j], delta[j], sum);
			}
			below[i] = sum;
		}
	}

	/**
	 * {@code w[index[k]·n + j] += rate · value[k] · delta[j]} for every k: adds one
	 * example's first-layer gradient x δᵀ, scaled, to the rows of its non-zero inputs,
	 * four rows per pass over delta.
	 * @param index input indices, not modified
	 * @param value input values, not modified
	 * @param delta not modified
	 * @param w row-major with rows of {@code n}, modified
	 */
	static void sparseOuterProductAdd(int n, double rate, int[] index, double[] value, int nnz, double[] delta,
			double[] w) {
		int k = 0;
		for (; k + 3 < nnz; k += 4) {
			double c0 = rate * value[k];
			double c1 = rate * value[k + 1];
			double c2 = rate * value[k + 2];
			double c3 = rate * value[k + 3];
			int o0 = index[k] * n;
			int o1 = index[k + 1] * n;
			int o2 = index[k + 2] * n;
			int o3 = index[k + 3] * n;
			for (int j = 0; j < n; j++) {
				double d = delta[j];
				w[o0 + j] = Math.fma(c0, d, w[o0 + j]);
				w[o1 + j] = Math.fma(c1, d, w[o1 + j]);
				w[o2 + j] = Math.fma(c2, d, w[o2 + j]);
				w[o3 + j] = Math.fma(c3, d, w[o3 + j]);
			}
		}
		for (; k < nnz; k++) {
			axpy(n, rate * value[k], delta, 0, w, index[k] * n);
		}
	}

	/**
	 * {@code Kernels.scaledSparseRowCombination} as it was before its last one to three
	 * rows got a pass of their own: its passes of four rows (which the kept kernel still
	 * runs for a multiple of four), then one axpy for each row left.
	 */
	static void scaledSparseRowCombinationAxpyTail(int n, double scale, int[] index, double[] coefficient, int count,
			double[][] rows, double[] y, int from) {
		int fours = count & ~3;
		Kernels.scaledSparseRowCombination(n, scale, index, coefficient, fours, rows, y, from);
		for (int k = from + fours; k < from + count; k++) {
			Kernels.axpy(n, scale * coefficient[k], rows[index[k]], y);
		}
	}

}
