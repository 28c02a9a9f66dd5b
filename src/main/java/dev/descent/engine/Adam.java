package dev.descent.engine;

import java.util.Map;

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

	private double[][][] weightMean;

	private double[][][] weightSquare;

	private double[][][] biasMean;

	private double[][][] biasSquare;

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
		this.weightMean = OptimizerState.weightShapes(spec);
		this.weightSquare = OptimizerState.weightShapes(spec);
		this.biasMean = OptimizerState.biasShapes(spec);
		this.biasSquare = OptimizerState.biasShapes(spec);
		this.t = 0;
	}

	/**
	 * Every weight is updated on every step, each row by its own loop over plain indices
	 * (so C2 vectorises the square roots and divisions), the rows shared out among the
	 * training's workers.
	 */
	@Override
	public void step(Network network, Gradients gradients, double scale, double l2, double learningRate) {
		this.t++;
		this.stepSize = learningRate * Math.sqrt(1.0 - Math.pow(this.beta2, this.t))
				/ (1.0 - Math.pow(this.beta1, this.t));
		// ε is added to √v̂ in the paper; with the bias correction folded into stepSize
		// that is ε·√(1−β2^t) on √v
		this.correctedEpsilon = this.epsilon * Math.sqrt(1.0 - Math.pow(this.beta2, this.t));
		gradients.materialise();
		this.network = network;
		this.gradients = gradients;
		this.scale = scale;
		this.l2 = l2;
		gradients.workers.run(this.share);
		this.network = null;
		this.gradients = null;
	}

	private double stepSize;

	private double correctedEpsilon;

	private Network network;

	private Gradients gradients;

	private double scale;

	private double l2;

	private final Workers.Task share = this::updateShare;

	private void updateShare(int worker, int workers) {
		Network net = this.network;
		for (int l = 0; l < net.layerCount(); l++) {
			double[][] rows = net.rows[l];
			int from = Workers.from(worker, workers, rows.length);
			int to = Workers.from(worker + 1, workers, rows.length);
			for (int i = from; i < to; i++) {
				update(rows[i], this.gradients.row(l, i), this.weightMean[l][i], this.weightSquare[l][i], this.l2);
			}
			if (worker == workers - 1) {
				update(net.biases[l], this.gradients.biases[l], this.biasMean[l][0], this.biasSquare[l][0], 0.0);
			}
		}
	}

	private void update(double[] w, double[] g, double[] m, double[] v, double decay) {
		double b1 = this.beta1;
		double b2 = this.beta2;
		double c1 = 1.0 - b1;
		double c2 = 1.0 - b2;
		double s = this.scale;
		double size = this.stepSize;
		double eps = this.correctedEpsilon;
		for (int j = 0; j < w.length; j++) {
			double grad = s * g[j] + decay * w[j];
			m[j] = b1 * m[j] + c1 * grad;
			v[j] = b2 * v[j] + c2 * grad * grad;
			w[j] -= size * m[j] / (Math.sqrt(v[j]) + eps);
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
