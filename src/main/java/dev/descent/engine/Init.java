package dev.descent.engine;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** How a new network's weights and biases are drawn. */
public enum Init {

	/** The book's first network: every weight and bias from N(0, 1). */
	NORMAL("normal"),

	/**
	 * Weights from N(0, 1/n_in) and biases from N(0, 1), as in the book's improved
	 * network; for a ReLU layer He's scaling N(0, 2/n_in) and zero biases.
	 */
	SCALED("scaled");

	private final String id;

	Init(String id) {
		this.id = id;
	}

	public String id() {
		return this.id;
	}

	/**
	 * Fills one layer, weights row by row, then the biases.
	 * @param rows n_in rows of n_out weights, modified
	 * @param biases n_out, modified
	 * @param activation the activation of the layer these weights feed
	 */
	void fill(double[][] rows, double[] biases, Activation activation, RandomGenerator random) {
		double std = 1.0;
		if (this == SCALED) {
			double gain = (activation == Activation.RELU) ? 2.0 : 1.0;
			std = Math.sqrt(gain / rows.length);
		}
		for (double[] row : rows) {
			for (int j = 0; j < row.length; j++) {
				row[j] = std * random.nextGaussian();
			}
		}
		boolean zeroBiases = this == SCALED && activation == Activation.RELU;
		for (int j = 0; j < biases.length; j++) {
			biases[j] = zeroBiases ? 0.0 : random.nextGaussian();
		}
	}

	/**
	 * @throws IllegalArgumentException naming the accepted values when {@code id} is
	 * unknown
	 */
	public static Init fromId(String id) {
		for (Init i : values()) {
			if (i.id.equals(id)) {
				return i;
			}
		}
		throw new IllegalArgumentException(
				"unknown init '" + id + "', expected one of " + Arrays.stream(values()).map(Init::id).toList());
	}

}
