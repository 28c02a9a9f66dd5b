package dev.descent.engine;

import java.util.Arrays;

/**
 * A layer's activation function. Sigmoid is the book's; ReLU is for hidden layers;
 * softmax (which couples a layer's outputs) is for the output layer only.
 */
public enum Activation {

	/** σ(z) = 1 / (1 + e^−z), the book's neuron. */
	SIGMOID("sigmoid"),

	/** max(0, z). Hidden layers only. */
	RELU("relu"),

	/** e^z_j / Σ_k e^z_k. Output layer only. */
	SOFTMAX("softmax");

	private final String id;

	Activation(String id) {
		this.id = id;
	}

	/**
	 * @return the name used in JSON, the command line and model files
	 */
	public String id() {
		return this.id;
	}

	/**
	 * @return whether this function may be used for a hidden layer
	 */
	public boolean allowedHidden() {
		return this != SOFTMAX;
	}

	/**
	 * @return whether this function may be used for the output layer
	 */
	public boolean allowedOutput() {
		return this != RELU;
	}

	/**
	 * Computes {@code a = f(z)} for the first {@code n} entries.
	 * @param z weighted inputs, not modified
	 * @param a output, modified
	 */
	public void apply(double[] z, double[] a, int n) {
		switch (this) {
			case SIGMOID -> {
				for (int j = 0; j < n; j++) {
					a[j] = sigmoid(z[j]);
				}
			}
			case RELU -> {
				for (int j = 0; j < n; j++) {
					a[j] = Math.max(0.0, z[j]);
				}
			}
			case SOFTMAX -> softmax(z, a, n);
		}
	}

	/**
	 * Multiplies {@code delta} in place by f'(z), element-wise. Not defined for softmax,
	 * whose derivative couples outputs; the output layer's delta is the cost's business.
	 * @param z weighted inputs, not modified
	 * @param a activations f(z), not modified
	 * @param delta modified
	 */
	public void multiplyDerivativeInPlace(double[] z, double[] a, double[] delta, int n) {
		switch (this) {
			case SIGMOID -> {
				for (int j = 0; j < n; j++) {
					delta[j] *= a[j] * (1.0 - a[j]);
				}
			}
			case RELU -> {
				for (int j = 0; j < n; j++) {
					if (z[j] <= 0.0) {
						delta[j] = 0.0;
					}
				}
			}
			case SOFTMAX -> throw new UnsupportedOperationException("softmax is an output activation");
		}
	}

	static double sigmoid(double z) {
		return 1.0 / (1.0 + Math.exp(-z));
	}

	private static void softmax(double[] z, double[] a, int n) {
		double max = Double.NEGATIVE_INFINITY;
		for (int j = 0; j < n; j++) {
			max = Math.max(max, z[j]);
		}
		double sum = 0.0;
		for (int j = 0; j < n; j++) {
			a[j] = Math.exp(z[j] - max);
			sum += a[j];
		}
		double inv = 1.0 / sum;
		for (int j = 0; j < n; j++) {
			a[j] *= inv;
		}
	}

	/**
	 * @throws IllegalArgumentException naming the accepted values when {@code id} is
	 * unknown
	 */
	public static Activation fromId(String id) {
		for (Activation a : values()) {
			if (a.id.equals(id)) {
				return a;
			}
		}
		throw new IllegalArgumentException("unknown activation '" + id + "', expected one of "
				+ Arrays.stream(values()).map(Activation::id).toList());
	}

}
