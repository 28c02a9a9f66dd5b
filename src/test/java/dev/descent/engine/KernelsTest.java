package dev.descent.engine;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The hand-written kernels against EJML's dense operations on the same numbers, for
 * counts of rows between 0 and 19 chosen so that the four-rows-per-pass path runs with
 * each remainder; and, bit for bit, against adding one row at a time, which is what keeps
 * training repeatable whatever the grouping.
 */
class KernelsTest {

	private static final int INPUTS = 40;

	private static final int WIDTH = 7;

	private final SplittableRandom random = new SplittableRandom(11);

	private final DMatrixRMaj w = randomMatrix(INPUTS, WIDTH);

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 19 })
	void sparseRowCombinationIsTheProductOfTheInputRowAndTheWeights(int nnz) {
		SparseRow x = sparseRow(nnz);
		double[] y = randomVector(WIDTH);
		DMatrixRMaj expected = new DMatrixRMaj(1, WIDTH, true, y.clone());
		CommonOps_DDRM.multAdd(x.dense, this.w, expected);
		double[] oneRowAtATime = y.clone();
		for (int k = 0; k < nnz; k++) {
			Kernels.axpy(WIDTH, x.value[k], rows(this.w)[x.index[k]], oneRowAtATime);
		}

		Kernels.sparseRowCombination(WIDTH, x.index, x.value, nnz, rows(this.w), y);

		assertClose(y, expected.data);
		assertThat(y).containsExactly(oneRowAtATime);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })
	void sparseRowCombinationOverARangeAndScaledAddOnlyThoseEntries(int count) {
		SparseRow x = sparseRow(count + 3);
		double[][] weights = rows(this.w);
		double[] y = randomVector(WIDTH);
		double[] expected = y.clone();
		double[] scaledExpected = y.clone();
		for (int k = 3; k < count + 3; k++) {
			Kernels.axpy(WIDTH, x.value[k], weights[x.index[k]], expected);
			Kernels.axpy(WIDTH, -0.3 * x.value[k], weights[x.index[k]], scaledExpected);
		}
		double[] scaled = y.clone();

		Kernels.sparseRowCombination(WIDTH, x.index, x.value, count, weights, y, 3);
		Kernels.scaledSparseRowCombination(WIDTH, -0.3, x.index, x.value, count, weights, scaled, 3);

		assertThat(y).containsExactly(expected);
		assertThat(scaled).containsExactly(scaledExpected);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 15, 16, 17, 19 })
	void sparseOuterProductAddAddsTheScaledOuterProduct(int nnz) {
		SparseRow x = sparseRow(nnz);
		double[] delta = randomVector(WIDTH);
		DMatrixRMaj expected = this.w.copy();
		CommonOps_DDRM.multAddTransA(-0.3, x.dense, new DMatrixRMaj(1, WIDTH, true, delta), expected);
		double[][] weights = rows(this.w);

		Kernels.sparseOuterProductAdd(WIDTH, -0.3, x.index, x.value, nnz, delta, weights);

		assertClose(flat(weights), expected.data);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 4, 5, 6, 8, 13 })
	void rowCombinationIsTheProductOfTheCoefficientsAndTheRows(int count) {
		DMatrixRMaj c = randomMatrix(1, count);
		DMatrixRMaj r = randomMatrix(count, WIDTH);
		double[] y = randomVector(WIDTH);
		DMatrixRMaj expected = new DMatrixRMaj(1, WIDTH, true, y.clone());
		CommonOps_DDRM.multAdd(c, r, expected);

		Kernels.rowCombination(WIDTH, c.data, rows(r), count, y);

		assertClose(y, expected.data);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4, 9 })
	void dotAndAddScaledAreTheMatrixVectorProductAndTheWeightedInput(int inputs) {
		DMatrixRMaj weights = randomMatrix(inputs, WIDTH);
		DMatrixRMaj delta = randomMatrix(1, WIDTH);
		DMatrixRMaj expectedBelow = new DMatrixRMaj(1, inputs);
		CommonOps_DDRM.multTransB(delta, weights, expectedBelow);
		double[] below = new double[inputs];
		double[][] r = rows(weights);
		for (int i = 0; i < inputs; i++) {
			below[i] = Kernels.dot(WIDTH, r[i], delta.data);
		}
		assertClose(below, expectedBelow.data);

		double[] b = randomVector(WIDTH);
		double[] acc = randomVector(WIDTH);
		double[] z = new double[WIDTH];
		Kernels.addScaled(WIDTH, 0.5, acc, b, z);
		for (int j = 0; j < WIDTH; j++) {
			assertThat(z[j]).isEqualTo(Math.fma(0.5, acc[j], b[j]));
		}
	}

	private static double[][] rows(DMatrixRMaj m) {
		double[][] rows = new double[m.numRows][m.numCols];
		for (int i = 0; i < m.numRows; i++) {
			System.arraycopy(m.data, i * m.numCols, rows[i], 0, m.numCols);
		}
		return rows;
	}

	private static double[] flat(double[][] rows) {
		double[] flat = new double[rows.length * rows[0].length];
		for (int i = 0; i < rows.length; i++) {
			System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
		}
		return flat;
	}

	private SparseRow sparseRow(int nnz) {
		SparseRow row = new SparseRow(new int[INPUTS], new double[INPUTS], new DMatrixRMaj(1, INPUTS));
		int p = 0;
		for (int k = 0; k < nnz; k++) {
			p += 1 + this.random.nextInt(2);
			row.index[k] = p;
			row.value[k] = this.random.nextDouble();
			row.dense.data[p] = row.value[k];
		}
		return row;
	}

	private DMatrixRMaj randomMatrix(int rows, int columns) {
		DMatrixRMaj m = new DMatrixRMaj(rows, columns);
		for (int i = 0; i < m.data.length; i++) {
			m.data[i] = this.random.nextGaussian();
		}
		return m;
	}

	private double[] randomVector(int n) {
		return randomMatrix(1, n).data;
	}

	private static void assertClose(double[] actual, double[] expected) {
		assertThat(actual).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).as("element %d", i)
				.isCloseTo(expected[i], within(1e-12 * (1 + Math.abs(expected[i]))));
		}
	}

	private record SparseRow(int[] index, double[] value, DMatrixRMaj dense) {
	}

}
