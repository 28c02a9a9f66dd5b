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

}
