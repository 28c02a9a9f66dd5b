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
 * counts of non-zero inputs between 0 and 19 chosen so that each unrolled path (eight and
 * four rows per pass) runs with each remainder, and dense inputs of lengths that leave
 * each remainder after four rows per pass.
 */
class KernelsTest {

	private static final int INPUTS = 40;

	private static final int WIDTH = 7;

	private final SplittableRandom random = new SplittableRandom(11);

	private final DMatrixRMaj w = randomMatrix(INPUTS, WIDTH);

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 15, 16, 17, 19 })
	void sparseRowCombinationIsTheProductOfTheInputRowAndTheWeights(int nnz) {
		SparseRow x = sparseRow(nnz);
		double[] y = randomVector(WIDTH);
		DMatrixRMaj expected = new DMatrixRMaj(1, WIDTH, true, y.clone());
		CommonOps_DDRM.multAdd(x.dense, this.w, expected);

		Kernels.sparseRowCombination(WIDTH, x.index, x.value, nnz, this.w.data, y);

		assertClose(y, expected.data);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 15, 16, 17, 19 })
	void sparseOuterProductAddAddsTheScaledOuterProduct(int nnz) {
		SparseRow x = sparseRow(nnz);
		double[] delta = randomVector(WIDTH);
		DMatrixRMaj expected = this.w.copy();
		CommonOps_DDRM.multAddTransA(-0.3, x.dense, new DMatrixRMaj(1, WIDTH, true, delta), expected);
		double[] weights = this.w.data.clone();

		Kernels.sparseOuterProductAdd(WIDTH, -0.3, x.index, x.value, nnz, delta, weights);

		assertClose(weights, expected.data);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 4, 5, 6, 8, 13 })
	void denseRowCombinationIsTheProductOfTheInputAndTheWeights(int inputs) {
		DMatrixRMaj x = randomMatrix(1, inputs);
		x.data[0] = 0.0;
		DMatrixRMaj weights = randomMatrix(inputs, WIDTH);
		double[] y = randomVector(WIDTH);
		DMatrixRMaj expected = new DMatrixRMaj(1, WIDTH, true, y.clone());
		CommonOps_DDRM.multAdd(x, weights, expected);

		Kernels.denseRowCombination(WIDTH, x.data, weights.data, y);

		assertClose(y, expected.data);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4, 9 })
	void backpropagateRowsAddsTheGradientAndWritesTheErrorBelow(int inputs) {
		DMatrixRMaj x = randomMatrix(1, inputs);
		DMatrixRMaj weights = randomMatrix(inputs, WIDTH);
		DMatrixRMaj delta = randomMatrix(1, WIDTH);
		DMatrixRMaj gradient = randomMatrix(inputs, WIDTH);
		DMatrixRMaj expectedGradient = gradient.copy();
		CommonOps_DDRM.multAddTransA(x, delta, expectedGradient);
		DMatrixRMaj expectedBelow = new DMatrixRMaj(1, inputs);
		CommonOps_DDRM.multTransB(delta, weights, expectedBelow);
		double[] below = new double[inputs];

		Kernels.backpropagateRows(WIDTH, x.data, weights.data, delta.data, gradient.data, below);

		assertClose(gradient.data, expectedGradient.data);
		assertClose(below, expectedBelow.data);
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
