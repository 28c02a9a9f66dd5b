package dev.descent.engine;

import java.util.Arrays;

import dev.descent.data.DataSet;

/**
 * Backpropagation (the book's equations BP1–BP4) for a mini-batch, summing ∂C_x/∂w and
 * ∂C_x/∂b into {@link #gradients}. Holds every buffer it needs, allocated once.
 *
 * <p>
 * A mini-batch runs in chunks of at most {@link #CHUNK} examples (the whole batch when m
 * ≤ 128), each in two phases on every worker: first each worker takes its share of the
 * chunk's examples and runs each forward and backward into the example's own slot (its
 * activations, its δ of every layer, its cost); then each worker takes its share of the
 * weight rows and adds, row by row, the chunk's terms in example order. The chunk size is
 * fixed, not the number of workers, so the sums are the same bits on any number of
 * threads.
 */
final class Backprop {

	/** Examples per chunk: the most whose first-layer gradient is held factored. */
	static final int CHUNK = 128;

	final Gradients gradients;

	private final Cost cost;

	private final NetworkSpec spec;

	private final Workers workers;

	/** Per slot: the forward pass (whose input buffers are the gradient's). */
	private final Forward[] forward;

	/**
	 * delta[l][e]: δ^l of slot e for layers 1..depth-1 (delta[1][e] is the gradient's).
	 */
	private final double[][][] delta;

	private final double[] costs;

	/** Per worker: the chunk's activations of one hidden neuron, one per example. */
	private final double[][] coefficient;

	private final double[] ones;

	private Network network;

	private DataSet data;

	private int[] order;

	private int chunkStart;

	private int chunkSize;

	private boolean firstChunk;

	/** Per worker: what {@link DataSet#prefetch} read, kept so that its reads stay. */
	private final int[] prefetched;

	private final Workers.Task examplesTask = this::examplesShare;

	private final Workers.Task rowsTask = this::rowsShare;

	Backprop(NetworkSpec spec, Cost cost, int batchSize, Workers workers) {
		this.spec = spec;
		this.cost = cost;
		this.workers = workers;
		int slots = Math.min(batchSize, CHUNK);
		this.gradients = new Gradients(spec, slots, workers);
		this.forward = new Forward[slots];
		this.delta = new double[spec.depth()][slots][];
		for (int e = 0; e < slots; e++) {
			this.forward[e] = new Forward(spec);
			this.forward[e].inputBuffers(this.gradients.exampleIndex[e], this.gradients.exampleValue[e]);
			this.delta[1][e] = this.gradients.exampleDelta[e];
			for (int l = 2; l < spec.depth(); l++) {
				this.delta[l][e] = new double[spec.size(l)];
			}
		}
		this.costs = new double[slots];
		this.coefficient = new double[workers.count()][slots];
		this.prefetched = new int[workers.count()];
		this.ones = new double[slots];
		Arrays.fill(this.ones, 1.0);
	}

	Backprop(NetworkSpec spec, Cost cost, int batchSize) {
		this(spec, cost, batchSize, Workers.single());
	}

	/**
	 * Starts a new mini-batch of examples {@code order[from..to)} of {@code data} and
	 * sums their gradients into {@link #gradients} (cleared first).
	 * @param network not modified
	 * @return the sum of the examples' costs, added in batch order
	 */
	double run(Network network, DataSet data, int[] order, int from, int to) {
		this.gradients.clear();
		this.network = network;
		this.data = data;
		this.order = order;
		double sum = 0.0;
		int capacity = this.forward.length;
		for (int start = from; start < to; start += capacity) {
			if (start > from) {
				this.gradients.materialise();
			}
			this.chunkStart = start;
			this.chunkSize = Math.min(capacity, to - start);
			this.firstChunk = start == from;
			this.workers.run(this.examplesTask);
			this.gradients.examples = this.chunkSize;
			this.workers.run(this.rowsTask);
			for (int e = 0; e < this.chunkSize; e++) {
				sum += this.costs[e];
			}
		}
		this.network = null;
		this.data = null;
		return sum;
	}

	private void examplesShare(int worker, int workers) {
		int from = Workers.from(worker, workers, this.chunkSize);
		int to = Workers.from(worker + 1, workers, this.chunkSize);
		this.prefetched[worker] += this.data.prefetch(this.order, this.chunkStart + from, this.chunkStart + to);
		for (int e = from; e < to; e++) {
			this.costs[e] = example(e, this.order[this.chunkStart + e]);
		}
	}

	/** Runs example i forward and backward into slot e; answers its cost. */
	private double example(int e, int i) {
		Forward f = this.forward[e];
		f.sparseInput(this.data, i);
		this.gradients.exampleNnz[e] = f.nnz;
		f.run(this.network);
		int last = this.spec.depth() - 1;
		int label = this.data.label(i);
		Activation output = this.spec.output();
		int n = this.spec.size(last);
		double c = this.cost.cost(output, f.z[last], f.a[last], n, label);
		this.cost.outputDelta(output, f.z[last], f.a[last], n, label, this.delta[last][e]);
		for (int l = last; l >= 2; l--) {
			propagateDown(f, l, this.delta[l][e], this.delta[l - 1][e]);
		}
		return c;
	}

	/** δ^(l−1) = (W^l δ^l) ⊙ f'(z^(l−1)), with W^l = s·V as the network holds it. */
	private void propagateDown(Forward f, int l, double[] d, double[] below) {
		double[][] rows = this.network.rows[l - 1];
		double s = this.network.scale[l - 1];
		int n = d.length;
		for (int i = 0; i < below.length; i++) {
			below[i] = s * Kernels.dot(n, rows[i], d);
		}
		this.spec.hidden().multiplyDerivativeInPlace(f.z[l - 1], f.a[l - 1], below, below.length);
	}

	/**
	 * The worker's share of every dense layer's gradient rows, Σ_e a_e[i] δ_e (the first
	 * layer stays factored), and on worker 0 the biases' Σ_e δ_e.
	 */
	private void rowsShare(int worker, int workers) {
		int count = this.chunkSize;
		double[] c = this.coefficient[worker];
		for (int l = 2; l < this.spec.depth(); l++) {
			double[][] g = this.gradients.weights[l - 1];
			double[][] d = this.delta[l];
			int from = Workers.from(worker, workers, g.length);
			int to = Workers.from(worker + 1, workers, g.length);
			for (int i = from; i < to; i++) {
				for (int e = 0; e < count; e++) {
					c[e] = this.forward[e].a[l - 1][i];
				}
				if (this.firstChunk) {
					Arrays.fill(g[i], 0.0);
				}
				Kernels.rowCombination(g[i].length, c, d, count, g[i]);
			}
		}
		if (worker == 0) {
			for (int l = 1; l < this.spec.depth(); l++) {
				double[] b = this.gradients.biases[l - 1];
				if (this.firstChunk) {
					Arrays.fill(b, 0.0);
				}
				Kernels.rowCombination(b.length, this.ones, this.delta[l], count, b);
			}
		}
	}

}
