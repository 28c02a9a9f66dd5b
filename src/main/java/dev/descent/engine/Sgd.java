package dev.descent.engine;

import java.util.Map;

/**
 * The seed's rule, w → w − (η/m) Σ_x ∇C_x (with L2: w → (1 − ηλ/n) w − (η/m) Σ_x ∇C_x).
 * It keeps no state. Only first-layer rows that the batch touched change, and only those
 * are visited, with L2 too.
 */
public final class Sgd implements Optimizer {

	private final double learningRate;

	/**
	 * @param learningRate η, positive and finite
	 */
	public Sgd(double learningRate) {
		this.learningRate = Optimizers.requirePositive("learningRate", learningRate);
	}

	@Override
	public String name() {
		return "sgd";
	}

	@Override
	public double learningRate() {
		return this.learningRate;
	}

	@Override
	public Map<String, Double> settings() {
		return Map.of("learningRate", this.learningRate);
	}

	@Override
	public void initialise(NetworkSpec spec) {
	}

	/**
	 * With L2, the decay (1 − ηλ/n) multiplies each layer's scale factor s (w = s·v, see
	 * {@link Network}) instead of every weight, and the gradient step is divided by s, so
	 * the decay costs O(1) and plain SGD still visits only the first-layer rows the batch
	 * touched. When s falls below {@link #RENORMALISE_BELOW} it is folded back into the
	 * rows.
	 */
	@Override
	public void step(Network network, Gradients gradients, double scale, double l2, double learningRate) {
		double rate = -learningRate * scale;
		for (int l = 0; l < network.layerCount(); l++) {
			if (l2 != 0.0) {
				network.scale[l] *= 1.0 - learningRate * l2;
				if (network.scale[l] < RENORMALISE_BELOW) {
					network.renormalise(l);
				}
			}
			double layerRate = rate / network.scale[l];
			double[][] rows = network.rows[l];
			if (l == 0) {
				gradients.addFirstLayerTo(rows, layerRate);
			}
			else {
				for (int i = 0; i < rows.length; i++) {
					Kernels.axpy(rows[i].length, layerRate, gradients.row(l, i), rows[i]);
				}
			}
			double[] b = network.biases[l];
			Kernels.axpy(b.length, rate, gradients.biases[l], b);
		}
	}

	/** The scale factor below which it is folded into the weights, 2⁻²⁰. */
	static final double RENORMALISE_BELOW = 0x1p-20;

	@Override
	public OptimizerState state() {
		return OptimizerState.NONE;
	}

	@Override
	public void restore(OptimizerState state) {
		if (state.steps() != 0 || !state.values().isEmpty()) {
			throw new IllegalArgumentException("sgd keeps no state, got " + state.values().size() + " arrays");
		}
	}

	@Override
	public Optimizer copy() {
		return new Sgd(this.learningRate);
	}

}
