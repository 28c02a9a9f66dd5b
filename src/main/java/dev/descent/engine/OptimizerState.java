package dev.descent.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * What an {@link Optimizer} has accumulated since it was initialised, for a checkpoint:
 * its step count and its arrays (velocities, moments), each in the optimiser's own order
 * and as long as the weights or biases it follows. Plain SGD has none.
 *
 * @param steps mini-batch steps taken (Adam's t; 0 for a rule that does not count)
 * @param values the state's arrays; the list is copied, the arrays are not
 */
public record OptimizerState(long steps, List<double[]> values) {

	/** The state of a rule that keeps none. */
	public static final OptimizerState NONE = new OptimizerState(0, List.of());

	public OptimizerState {
		if (steps < 0) {
			throw new IllegalArgumentException("steps must not be negative, got " + steps);
		}
		values = List.copyOf(values);
	}

	/**
	 * @return copies of every matrix's data, group after group, in order
	 */
	static List<double[]> copies(DMatrixRMaj[]... groups) {
		ArrayList<double[]> values = new ArrayList<>();
		for (DMatrixRMaj[] group : groups) {
			for (DMatrixRMaj matrix : group) {
				values.add(Arrays.copyOf(matrix.data, matrix.getNumElements()));
			}
		}
		return values;
	}

	/**
	 * Copies the state's arrays into {@code groups}, in the order {@link #copies} listed
	 * them.
	 * @throws IllegalArgumentException when the number or a length of the arrays differs
	 */
	void copyInto(String optimizer, DMatrixRMaj[]... groups) {
		int count = 0;
		for (DMatrixRMaj[] group : groups) {
			count += group.length;
		}
		if (this.values.size() != count) {
			throw new IllegalArgumentException(
					optimizer + " state has " + this.values.size() + " arrays, expected " + count);
		}
		int i = 0;
		for (DMatrixRMaj[] group : groups) {
			for (DMatrixRMaj matrix : group) {
				double[] value = this.values.get(i);
				if (value.length != matrix.getNumElements()) {
					throw new IllegalArgumentException(optimizer + " state array " + i + " has " + value.length
							+ " values, expected " + matrix.getNumElements());
				}
				System.arraycopy(value, 0, matrix.data, 0, value.length);
				i++;
			}
		}
	}

}
