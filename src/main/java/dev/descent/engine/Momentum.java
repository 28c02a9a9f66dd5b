package dev.descent.engine;

import java.util.Map;

/**
 * Momentum-based gradient descent (the book's chapter 3): v → μv − η∇C, w → w + v, with a
 * velocity per weight and bias. μ = 0 is plain SGD; μ near 1 is little friction.
 */
public final class Momentum implements Optimizer {

	private final double learningRate;

	private final double momentum;

	private double[][][] weightVelocity;

	private double[][][] biasVelocity;

	/**
	 * @param learningRate η, positive and finite
	 * @param momentum μ in [0, 1)
	 */
	public Momentum(double learningRate, double momentum) {
		this.learningRate = Optimizers.requirePositive("learningRate", learningRate);
		this.momentum = Optimizers.requireUnitInterval("momentum", momentum);
	}

	@Override
	public String name() {
		return "momentum";
	}

	@Override
	public double learningRate() {
		return this.learningRate;
	}

	public double momentum() {
		return this.momentum;
	}

	@Override
	public Map<String, Double> settings() {
		return Map.of("learningRate", this.learningRate, "momentum", this.momentum);
	}

	@Override
	public void initialise(NetworkSpec spec) {
		this.weightVelocity = OptimizerState.weightShapes(spec);
		this.biasVelocity = OptimizerState.biasShapes(spec);
	}

	@Override
	public void step(Network network, Gradients gradients, double scale, double l2, double learningRate) {
		gradients.materialise();
		for (int l = 0; l < network.layerCount(); l++) {
			double[][] rows = network.rows[l];
			for (int i = 0; i < rows.length; i++) {
				update(rows[i], gradients.row(l, i), this.weightVelocity[l][i], scale, l2, learningRate);
			}
			update(network.biases[l], gradients.biases[l], this.biasVelocity[l][0], scale, 0.0, learningRate);
		}
	}

	private void update(double[] w, double[] g, double[] v, double scale, double l2, double eta) {
		double mu = this.momentum;
		for (int j = 0; j < w.length; j++) {
			v[j] = mu * v[j] - eta * (scale * g[j] + l2 * w[j]);
			w[j] += v[j];
		}
	}

	/** The weights' velocities, layer by layer, then the biases'. */
	@Override
	public OptimizerState state() {
		return new OptimizerState(0, OptimizerState.copies(this.weightVelocity, this.biasVelocity));
	}

	@Override
	public void restore(OptimizerState state) {
		state.copyInto(name(), this.weightVelocity, this.biasVelocity);
	}

	@Override
	public Optimizer copy() {
		return new Momentum(this.learningRate, this.momentum);
	}

}
