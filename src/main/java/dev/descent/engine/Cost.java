package dev.descent.engine;

import java.util.Arrays;

/**
 * The cost of one training example, and its gradient with respect to the output layer's
 * weighted input z (the book's δ^L). Costs are written in terms of z so that they stay
 * finite where the activations saturate.
 */
public enum Cost {

	/** C = ½‖y − a‖², equation 6 for one example (so ∂C/∂a = a − y). */
	QUADRATIC("quadratic"),

	/**
	 * With a sigmoid output: C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]. With softmax:
	 * the log-likelihood −ln a_y. Either way δ^L = a − y.
	 */
	CROSS_ENTROPY("cross-entropy");

	private final String id;

	Cost(String id) {
		this.id = id;
	}

	/**
	 * @return the name used in JSON, the command line and model files
	 */
	public String id() {
		return this.id;
	}

	/**
	 * @param z the output layer's weighted input, not modified
	 * @param a the output activations, not modified
	 * @param label the desired class; y is its one-hot vector
	 * @return the cost of this example
	 */
	public double cost(Activation output, double[] z, double[] a, int n, int label) {
		double c = 0.0;
		if (this == QUADRATIC) {
			for (int j = 0; j < n; j++) {
				double d = a[j] - ((j == label) ? 1.0 : 0.0);
				c += d * d;
			}
			return 0.5 * c;
		}
		if (output == Activation.SOFTMAX) {
			double max = Double.NEGATIVE_INFINITY;
			for (int j = 0; j < n; j++) {
				max = Math.max(max, z[j]);
			}
			double sum = 0.0;
			for (int j = 0; j < n; j++) {
				sum += Math.exp(z[j] - max);
			}
			return max + Math.log(sum) - z[label];
		}
		for (int j = 0; j < n; j++) {
			// −[y ln σ(z) + (1−y) ln(1−σ(z))] = softplus(z) − y·z, computed stably
			double softplus = Math.max(z[j], 0.0) + Math.log1p(Math.exp(-Math.abs(z[j])));
			c += softplus - ((j == label) ? z[j] : 0.0);
		}
		return c;
	}

	/**
	 * Writes δ^L = ∂C/∂z for one example.
	 * @param z not modified
	 * @param a not modified
	 * @param delta output, modified
	 */
	public void outputDelta(Activation output, double[] z, double[] a, int n, int label, double[] delta) {
		for (int j = 0; j < n; j++) {
			delta[j] = a[j] - ((j == label) ? 1.0 : 0.0);
		}
		if (this == CROSS_ENTROPY) {
			return;
		}
		if (output == Activation.SOFTMAX) {
			// Jacobian of softmax: ∂a_k/∂z_j = a_k (δ_kj − a_j)
			double dot = 0.0;
			for (int k = 0; k < n; k++) {
				dot += a[k] * delta[k];
			}
			for (int j = 0; j < n; j++) {
				delta[j] = a[j] * (delta[j] - dot);
			}
		}
		else {
			output.multiplyDerivativeInPlace(z, a, delta, n);
		}
	}

	/**
	 * @throws IllegalArgumentException naming the accepted values when {@code id} is
	 * unknown
	 */
	public static Cost fromId(String id) {
		for (Cost c : values()) {
			if (c.id.equals(id)) {
				return c;
			}
		}
		throw new IllegalArgumentException(
				"unknown cost '" + id + "', expected one of " + Arrays.stream(values()).map(Cost::id).toList());
	}

}
