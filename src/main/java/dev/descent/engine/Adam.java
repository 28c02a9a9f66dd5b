package dev.descent.engine;

import java.util.Map;

import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma and Ba, 2015), named in the second seed: running means of the gradient (m)
 * and of its square (v) give each weight its own step, w → w − η m̂ / (√v̂ + ε), with
 * bias-corrected m̂ and v̂. L2, when on, is added to the gradient (so it is scaled like
 * the gradient, not decoupled).
 */
public final class Adam implements Optimizer {

	private final double learningRate;

	private final double beta1;

	private final double beta2;

	private final double epsilon;

	private DMatrixRMaj[] weightMean;

	private DMatrixRMaj[] weightSquare;

	private DMatrixRMaj[] biasMean;

	private DMatrixRMaj[] biasSquare;

	private long t;

	/**
	 * @param learningRate η, positive and finite (0.001 is usual)
	 * @param beta1 decay of the mean, in [0, 1) (0.9)
	 * @param beta2 decay of the squared mean, in [0, 1) (0.999)
	 * @param epsilon positive (1e-8)
	 */
	public Adam(double learningRate, double beta1, double beta2, double epsilon) {
		this.learningRate = Optimizers.requirePositive("learningRate", learningRate);
		this.beta1 = Optimizers.requireUnitInterval("beta1", beta1);
		this.beta2 = Optimizers.requireUnitInterval("beta2", beta2);
		this.epsilon = Optimizers.requirePositive("epsilon", epsilon);
	}

	/** Adam with the paper's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8. */
	public Adam(double learningRate) {
		this(learningRate, 0.9, 0.999, 1e-8);
	}

	@Override
	public String name() {
		return "adam";
	}

	@Override
	public double learningRate() {
		return this.learningRate;
	}

	public double beta1() {
		return this.beta1;
	}

	public double beta2() {
		return this.beta2;
	}

	public double epsilon() {
		return this.epsilon;
	}

	@Override
	public Map<String, Double> settings() {
		return Map.of("learningRate", this.learningRate, "beta1", this.beta1, "beta2", this.beta2, "epsilon",
				this.epsilon);
	}

	@Override
	public void initialise(NetworkSpec spec) {
		this.weightMean = Optimizers.weightShapes(spec);
		this.weightSquare = Optimizers.weightShapes(spec);
		this.biasMean = Optimizers.biasShapes(spec);
		this.biasSquare = Optimizers.biasShapes(spec);
		this.t = 0;
	}

	@Override
	public void step(Network network, Gradients gradients, double scale, double l2) {
		this.t++;
		double stepSize = this.learningRate * Math.sqrt(1.0 - Math.pow(this.beta2, this.t))
				/ (1.0 - Math.pow(this.beta1, this.t));
		for (int l = 0; l < network.layerCount(); l++) {
			update(network.weights(l).data, gradients.weights(l).data, this.weightMean[l].data,
					this.weightSquare[l].data, scale, l2, stepSize);
			update(network.biases(l).data, gradients.biases(l).data, this.biasMean[l].data, this.biasSquare[l].data,
					scale, 0.0, stepSize);
		}
	}

	private void update(double[] w, double[] g, double[] m, double[] v, double scale, double l2, double stepSize) {
		double b1 = this.beta1;
		double b2 = this.beta2;
		// ε is added to √v̂ in the paper; with the bias correction folded into stepSize
		// that is
		// ε·√(1−β2^t) on √v
		double eps = this.epsilon * Math.sqrt(1.0 - Math.pow(b2, this.t));
		for (int i = 0; i < w.length; i++) {
			double grad = scale * g[i] + l2 * w[i];
			m[i] = b1 * m[i] + (1.0 - b1) * grad;
			v[i] = b2 * v[i] + (1.0 - b2) * grad * grad;
			w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
		}
	}

	/**
	 * The step count t; the weights' means layer by layer, their squared means, then the
	 * biases' means and squared means.
	 */
	@Override
	public OptimizerState state() {
		return new OptimizerState(this.t,
				OptimizerState.copies(this.weightMean, this.weightSquare, this.biasMean, this.biasSquare));
	}

	@Override
	public void restore(OptimizerState state) {
		state.copyInto(name(), this.weightMean, this.weightSquare, this.biasMean, this.biasSquare);
		this.t = state.steps();
	}

	@Override
	public Optimizer copy() {
		return new Adam(this.learningRate, this.beta1, this.beta2, this.epsilon);
	}

}
