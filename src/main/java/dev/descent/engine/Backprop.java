package dev.descent.engine;

import dev.descent.data.DataSet;

/**
 * Backpropagation (the book's equations BP1–BP4) for one example at a time, adding
 * ∂C_x/∂w and ∂C_x/∂b into {@link #gradients}. Holds every buffer it needs, allocated
 * once.
 */
final class Backprop {

	final Gradients gradients;

	private final Forward forward;

	private final Cost cost;

	private final NetworkSpec spec;

	/** δ^l for layers 1..depth-1 (index 0 unused). */
	private final double[][] delta;

	/**
	 * Examples whose first-layer gradient is held factored before it is folded (see
	 * Gradients).
	 */
	private static final int MAX_FACTORED = 64;

	Backprop(NetworkSpec spec, Cost cost, int batchSize) {
		this.spec = spec;
		this.cost = cost;
		this.forward = new Forward(spec);
		this.gradients = new Gradients(spec, Math.min(batchSize, MAX_FACTORED));
		this.delta = new double[spec.depth()][];
		for (int l = 1; l < spec.depth(); l++) {
			this.delta[l] = new double[spec.size(l)];
		}
	}

	/**
	 * Runs example {@code i} forward and backward, adding its gradient to
	 * {@link #gradients}.
	 * @param network not modified
	 * @return the example's cost
	 */
	double accumulate(Network network, DataSet data, int i) {
		Forward f = this.forward;
		this.gradients.prepareNext(f);
		f.sparseInput(data, i);
		f.run(network);
		int last = this.spec.depth() - 1;
		int label = data.label(i);
		Activation output = this.spec.output();
		double c = this.cost.cost(output, f.z[last], f.a[last], this.spec.size(last), label);
		this.cost.outputDelta(output, f.z[last], f.a[last], this.spec.size(last), label, this.delta[last]);
		for (int l = last; l >= 1; l--) {
			addLayerGradient(network, l);
		}
		return c;
	}

	/**
	 * Adds weight layer l−1's gradient from δ^l and, above the first layer, computes
	 * δ^(l−1).
	 */
	private void addLayerGradient(Network network, int l) {
		double[] d = this.delta[l];
		int n = d.length;
		Kernels.axpy(n, 1.0, d, 0, this.gradients.biases[l - 1].data, 0);
		Forward f = this.forward;
		if (l == 1) {
			this.gradients.addFirstLayer(f.nnz, d);
			return;
		}
		double[] gw = this.gradients.weights[l - 1].data;
		double[] previous = f.a[l - 1];
		double[] below = this.delta[l - 1];
		Kernels.backpropagateRows(n, previous, network.weights(l - 1).data, d, gw, below);
		this.spec.hidden().multiplyDerivativeInPlace(f.z[l - 1], previous, below, below.length);
	}

}
