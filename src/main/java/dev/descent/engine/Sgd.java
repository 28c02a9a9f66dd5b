package dev.descent.engine;

import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The seed's rule, w → w − (η/m) Σ_x ∇C_x (with L2: w → (1 − ηλ/n) w − (η/m) Σ_x ∇C_x).
 * It keeps no state. Without L2, only first-layer rows that the batch touched change, and
 * only those are visited.
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

	@Override
	public void step(Network network, Gradients gradients, double scale, double l2) {
		double rate = -this.learningRate * scale;
		for (int l = 0; l < network.layerCount(); l++) {
			DMatrixRMaj w = network.weights(l);
			if (l2 != 0.0) {
				CommonOps_DDRM.scale(1.0 - this.learningRate * l2, w);
			}
			if (l == 0) {
				gradients.addFirstLayerTo(w, rate);
			}
			else {
				CommonOps_DDRM.addEquals(w, rate, gradients.weights(l));
			}
			CommonOps_DDRM.addEquals(network.biases(l), rate, gradients.biases(l));
		}
	}

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
