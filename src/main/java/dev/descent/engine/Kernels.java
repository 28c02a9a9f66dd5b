package dev.descent.engine;

/**
 * The engine's innermost loops, on weights held one {@code double[]} per row.
 *
 * <p>
 * Why they look as they do (measured in {@code KernelBenchmark}, src/jmh): HotSpot's C2
 * vectorises {@code y[j] = Math.fma(a, row[j], y[j])} only when it can prove that the
 * store cannot overlap a later load. With one flat array and a row offset
 * ({@code w[o + j]}) it cannot, and the loop stays scalar; with one array per row and the
 * plain index {@code j} it can, and the loop runs four doubles per AVX2 instruction. Four
 * rows are combined per pass over {@code y}, so the accumulator is loaded and stored once
 * per four rows; eight rows per pass measured no better. {@link Math#fma} is one
 * instruction on every x86-64 CPU with FMA3 and on ARMv8, rounds once, and gives the same
 * bits on every machine.
 *
 * <p>
 * Every kernel adds its terms to each element in the order they are given, one fused
 * multiply-add each: {@code y[j] = fma(c[K−1], r[K−1][j], … fma(c[0], r[0][j], y[j]))}.
 * So the result is bit for bit that of adding one row at a time, whatever the grouping,
 * and a sum split by rows across threads gives the same bits as on one thread.
 */
final class Kernels {

	private Kernels() {
	}

	/**
	 * {@code y[j] += alpha * x[j]} for j in 0..n-1.
	 * @param x not modified
	 * @param y modified
	 */
	static void axpy(int n, double alpha, double[] x, double[] y) {
		for (int j = 0; j < n; j++) {
			y[j] = Math.fma(alpha, x[j], y[j]);
		}
	}

	/**
	 * {@code y[j] += Σ_k coefficient[k] · rows[index[k]][j]}, k = 0..count-1 in order,
	 * four rows per pass over y, and the last one to three rows in one more pass. For a
	 * layer's weighted input from a sparse input, the rows are the weight rows of the
	 * non-zero inputs; for the first layer's update, the rows are the δ of the examples
	 * in which a pixel is not zero.
	 * @param index row numbers, not modified
	 * @param coefficient not modified
	 * @param rows each at least n long, not modified
	 * @param y modified
	 */
	static void sparseRowCombination(int n, int[] index, double[] coefficient, int count, double[][] rows, double[] y) {
		sparseRowCombination(n, index, coefficient, count, rows, y, 0);
	}

	/**
	 * As {@link #sparseRowCombination(int, int[], double[], int, double[][], double[])}
	 * over entries {@code from} to {@code from + count} of index and coefficient.
	 */
	static void sparseRowCombination(int n, int[] index, double[] coefficient, int count, double[][] rows, double[] y,
			int from) {
		scaledSparseRowCombination(n, 1.0, index, coefficient, count, rows, y, from);
	}

	/**
	 * {@code y[j] += Σ_k scale · coefficient[k] · rows[index[k]][j]}: as
	 * {@link #sparseRowCombination} with each coefficient first multiplied by
	 * {@code scale} (rounded), as an SGD step scales an example's input by −η/m. With
	 * {@code scale} 1 the products are the coefficients exactly, so this is also the
	 * kernel of {@link #sparseRowCombination}.
	 */
	static void scaledSparseRowCombination(int n, double scale, int[] index, double[] coefficient, int count,
			double[][] rows, double[] y, int from) {
		int k = from;
		int end = from + count;
		for (; k + 3 < end; k += 4) {
			double a0 = scale * coefficient[k];
			double a1 = scale * coefficient[k + 1];
			double a2 = scale * coefficient[k + 2];
			double a3 = scale * coefficient[k + 3];
			double[] r0 = rows[index[k]];
			double[] r1 = rows[index[k + 1]];
			double[] r2 = rows[index[k + 2]];
			double[] r3 = rows[index[k + 3]];
			for (int j = 0; j < n; j++) {
				y[j] = Math.fma(a3, r3[j], Math.fma(a2, r2[j], Math.fma(a1, r1[j], Math.fma(a0, r0[j], y[j]))));
			}
		}
		switch (end - k) {
			case 3 -> {
				double a0 = scale * coefficient[k];
				double a1 = scale * coefficient[k + 1];
				double a2 = scale * coefficient[k + 2];
				threeRows(n, a0, rows[index[k]], a1, rows[index[k + 1]], a2, rows[index[k + 2]], y);
			}
			case 2 ->
				twoRows(n, scale * coefficient[k], rows[index[k]], scale * coefficient[k + 1], rows[index[k + 1]], y);
			case 1 -> axpy(n, scale * coefficient[k], rows[index[k]], y);
			default -> {
			}
		}
	}

	/**
	 * The last three rows of a combination, in one pass over y: with one axpy each, y
	 * would be loaded and stored three times. The same fused multiply-adds in the same
	 * order.
	 */
	private static void threeRows(int n, double a0, double[] r0, double a1, double[] r1, double a2, double[] r2,
			double[] y) {
		for (int j = 0; j < n; j++) {
			y[j] = Math.fma(a2, r2[j], Math.fma(a1, r1[j], Math.fma(a0, r0[j], y[j])));
		}
	}

	/** The last two rows of a combination, in one pass over y. */
	private static void twoRows(int n, double a0, double[] r0, double a1, double[] r1, double[] y) {
		for (int j = 0; j < n; j++) {
			y[j] = Math.fma(a1, r1[j], Math.fma(a0, r0[j], y[j]));
		}
	}

	/**
	 * {@code rows[index[k]][j] += scale · value[k] · x[j]} for every k: adds one
	 * example's first-layer gradient x δᵀ, scaled, to the rows of its non-zero inputs,
	 * four rows per pass over x. Each element gets the same one fused multiply-add as
	 * {@link #scaledSparseRowCombination} would give it, so visiting the batch by example
	 * (this) or by pixel (that) gives the same bits.
	 * @param index distinct row numbers, not modified
	 * @param value not modified
	 * @param x not modified
	 * @param rows modified
	 */
	static void sparseOuterProductAdd(int n, double scale, int[] index, double[] value, int nnz, double[] x,
			double[][] rows) {
		int k = 0;
		for (; k + 3 < nnz; k += 4) {
			double c0 = scale * value[k];
			double c1 = scale * value[k + 1];
			double c2 = scale * value[k + 2];
			double c3 = scale * value[k + 3];
			double[] w0 = rows[index[k]];
			double[] w1 = rows[index[k + 1]];
			double[] w2 = rows[index[k + 2]];
			double[] w3 = rows[index[k + 3]];
			for (int j = 0; j < n; j++) {
				double d = x[j];
				w0[j] = Math.fma(c0, d, w0[j]);
				w1[j] = Math.fma(c1, d, w1[j]);
				w2[j] = Math.fma(c2, d, w2[j]);
				w3[j] = Math.fma(c3, d, w3[j]);
			}
		}
		for (; k < nnz; k++) {
			axpy(n, scale * value[k], x, rows[index[k]]);
		}
	}

	/**
	 * {@code y[j] += Σ_k coefficient[k] · rows[k][j]}, k = 0..count-1 in order, four rows
	 * per pass: a dense layer's weight gradient row, Σ over the batch of a_e[i] δ_e.
	 * @param coefficient not modified
	 * @param rows not modified
	 * @param y modified
	 */
	static void rowCombination(int n, double[] coefficient, double[][] rows, int count, double[] y) {
		int k = 0;
		for (; k + 3 < count; k += 4) {
			double a0 = coefficient[k];
			double a1 = coefficient[k + 1];
			double a2 = coefficient[k + 2];
			double a3 = coefficient[k + 3];
			double[] r0 = rows[k];
			double[] r1 = rows[k + 1];
			double[] r2 = rows[k + 2];
			double[] r3 = rows[k + 3];
			for (int j = 0; j < n; j++) {
				y[j] = Math.fma(a3, r3[j], Math.fma(a2, r2[j], Math.fma(a1, r1[j], Math.fma(a0, r0[j], y[j]))));
			}
		}
		for (; k < count; k++) {
			axpy(n, coefficient[k], rows[k], y);
		}
	}

	/**
	 * @return {@code Σ_j x[j] · y[j]}, j in order, one fused multiply-add each
	 */
	static double dot(int n, double[] x, double[] y) {
		double sum = 0.0;
		for (int j = 0; j < n; j++) {
			sum = Math.fma(x[j], y[j], sum);
		}
		return sum;
	}

	/**
	 * {@code z[j] = b[j] + scale · acc[j]} (one rounding): a weighted input from its bias
	 * and the sum of its scaled weight rows.
	 * @param acc not modified
	 * @param b not modified
	 * @param z modified
	 */
	static void addScaled(int n, double scale, double[] acc, double[] b, double[] z) {
		for (int j = 0; j < n; j++) {
			z[j] = Math.fma(scale, acc[j], b[j]);
		}
	}

}
