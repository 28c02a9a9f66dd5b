package dev.descent.engine;

/**
 * The engine's innermost loops, written so that HotSpot's C2 compiler turns them into
 * SIMD instructions: each is {@code y[o + j] += alpha * x[j]} over contiguous memory,
 * with no reduction. EJML's dense multiply cannot skip the zero pixels that make up 81%
 * of an MNIST image; {@code KernelBenchmark} (src/jmh) compares the two.
 */
final class Kernels {

	private Kernels() {
	}

	/**
	 * {@code y[yOffset + j] += alpha * x[xOffset + j]} for j in 0..n-1.
	 * @param x not modified
	 * @param y modified
	 */
	static void axpy(int n, double alpha, double[] x, int xOffset, double[] y, int yOffset) {
		for (int j = 0; j < n; j++) {
			y[yOffset + j] += alpha * x[xOffset + j];
		}
	}

	/**
	 * @return Σ_j x[xOffset + j] · y[j] for j in 0..n-1; neither array is modified
	 */
	static double dot(int n, double[] x, int xOffset, double[] y) {
		double sum = 0.0;
		for (int j = 0; j < n; j++) {
			sum += x[xOffset + j] * y[j];
		}
		return sum;
	}

	/**
	 * {@code y[j] += Σ_k value[k] · w[index[k]·n + j]}: the weighted input of a layer
	 * whose input is sparse. Four rows are combined per pass over y, which loads and
	 * stores y a quarter as often as four separate {@link #axpy} calls.
	 * @param index input indices, not modified
	 * @param value input values, not modified
	 * @param w row-major weights with rows of {@code n}, not modified
	 * @param y modified
	 */
	static void sparseRowCombination(int n, int[] index, double[] value, int nnz, double[] w, double[] y) {
		int k = 0;
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
				y[j] += a0 * w[o0 + j] + a1 * w[o1 + j] + a2 * w[o2 + j] + a3 * w[o3 + j];
			}
		}
		for (; k < nnz; k++) {
			axpy(n, value[k], w, index[k] * n, y, 0);
		}
	}

	/**
	 * {@code y[j] += Σ_i x[i] · w[i·n + j]} over the non-zero x[i]: a layer's weighted
	 * input from a dense input, four rows per pass over y.
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
				y[j] += a0 * w[o + j] + a1 * w[o + n + j] + a2 * w[o + 2 * n + j] + a3 * w[o + 3 * n + j];
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
				gradient[o + j] += xi * delta[j];
				sum += w[o + j] * delta[j];
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
				w[o0 + j] += c0 * d;
				w[o1 + j] += c1 * d;
				w[o2 + j] += c2 * d;
				w[o3 + j] += c3 * d;
			}
		}
		for (; k < nnz; k++) {
			axpy(n, rate * value[k], delta, 0, w, index[k] * n);
		}
	}

}
