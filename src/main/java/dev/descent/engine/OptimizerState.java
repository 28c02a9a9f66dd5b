package dev.descent.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
	 * @return for every layer of every group, one array with its rows one after another
	 * (row-major, as the flat matrices were before), group after group, in order
	 */
	static List<double[]> copies(double[][][]... groups) {
		ArrayList<double[]> values = new ArrayList<>();
		for (double[][][] group : groups) {
			for (double[][] layer : group) {
				int n = layer[0].length;
				double[] flat = new double[layer.length * n];
				for (int i = 0; i < layer.length; i++) {
					System.arraycopy(layer[i], 0, flat, i * n, n);
				}
				values.add(flat);
			}
		}
		return values;
	}

	/**
	 * Copies the state's arrays into {@code groups}, in the order {@link #copies} listed
	 * them.
	 * @throws IllegalArgumentException when the number or a length of the arrays differs
	 */
	void copyInto(String optimizer, double[][][]... groups) {
		int count = 0;
		for (double[][][] group : groups) {
			count += group.length;
		}
		if (this.values.size() != count) {
			throw new IllegalArgumentException(
					optimizer + " state has " + this.values.size() + " arrays, expected " + count);
		}
		int k = 0;
		for (double[][][] group : groups) {
			for (double[][] layer : group) {
				double[] value = this.values.get(k);
				int n = layer[0].length;
				if (value.length != layer.length * n) {
					throw new IllegalArgumentException(optimizer + " state array " + k + " has " + value.length
							+ " values, expected " + layer.length * n);
				}
				for (int i = 0; i < layer.length; i++) {
					System.arraycopy(value, i * n, layer[i], 0, n);
				}
				k++;
			}
		}
	}

	/**
	 * @return zeros shaped like the network's weights: [layer][row][column]
	 */
	static double[][][] weightShapes(NetworkSpec spec) {
		double[][][] m = new double[spec.depth() - 1][][];
		for (int l = 0; l < m.length; l++) {
			m[l] = new double[spec.size(l)][spec.size(l + 1)];
		}
		return m;
	}

	/**
	 * @return zeros shaped like the network's biases, each layer one row:
	 * [layer][0][column]
	 */
	static double[][][] biasShapes(NetworkSpec spec) {
		double[][][] m = new double[spec.depth() - 1][][];
		for (int l = 0; l < m.length; l++) {
			m[l] = new double[1][spec.size(l + 1)];
		}
		return m;
	}

}
