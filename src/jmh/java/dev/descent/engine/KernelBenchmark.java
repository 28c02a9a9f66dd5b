package dev.descent.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSample;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One mini-batch of m real MNIST images through each hot operation, each new kernel
 * beside the one it replaced ({@link FlatKernels}, one flat row-major array per matrix)
 * and EJML's dense operation:
 * <ul>
 * <li>the first layer's weighted input Z = X·W (sparse X);</li>
 * <li>plain SGD's first-layer update W += rate · Xᵀ Δ, example by example and (new) pixel
 * by pixel;</li>
 * <li>the second layer's weighted input and its backward pass (gradient and error
 * below);</li>
 * <li>one Adam step over every weight of [784, n, 10], and two remedies for its short
 * rows that measured slower;</li>
 * <li>L2's decay of every weight, against the scale factor's one multiplication.</li>
 * </ul>
 * Run with {@code bench/jmh.sh KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

	@Param({ "30", "100" })
	int hidden;

	@Param({ "10", "128" })
	int batch;

	private DMatrixRMaj inputs;

	private DMatrixRMaj flatWeights;

	private double[][] rowWeights;

	private DMatrixRMaj output;

	private int[][] index;

	private double[][] value;

	private int[] nnz;

	private double[][] rows;

	private DMatrixRMaj deltas;

	private double[][] delta;

	private Gradients gradients;

	private Gradients.PixelLists pixelLists;

	private DMatrixRMaj flatOutputWeights;

	private double[][] rowOutputWeights;

	private double[] outputBias;

	private double[][] hiddenActivations;

	private double[][] outputDelta;

	private double[][] outputInput;

	private double[][] below;

	private DMatrixRMaj flatOutputGradient;

	private double[][] rowOutputGradient;

	private double[] coefficient;

	private Network network;

	private Gradients adamGradients;

	private Adam adam;

	private FlatAdam flatAdam;

	private UnrolledAdam unrolledAdam;

	private DMatrixRMaj[] flatAdamWeights;

	private DMatrixRMaj[] flatAdamGradients;

	@Setup
	public void setUp() {
		DataSet data = MnistSample.training();
		int m = this.batch;
		this.inputs = new DMatrixRMaj(m, DataSet.IMAGE_SIZE);
		this.index = new int[m][DataSet.IMAGE_SIZE];
		this.value = new double[m][DataSet.IMAGE_SIZE];
		this.nnz = new int[m];
		for (int i = 0; i < m; i++) {
			System.arraycopy(data.image(i), 0, this.inputs.data, i * DataSet.IMAGE_SIZE, DataSet.IMAGE_SIZE);
			this.nnz[i] = data.sparseImage(i, this.index[i], this.value[i]);
		}
		NetworkSpec spec = NetworkSpec.sigmoid(784, this.hidden, 10);
		this.network = Network.initialise(spec, Init.NORMAL, new SplittableRandom(1));
		this.flatWeights = this.network.weights(0);
		this.rowWeights = this.network.rows[0];
		this.output = new DMatrixRMaj(m, this.hidden);
		this.rows = new double[m][this.hidden];
		this.deltas = new DMatrixRMaj(m, this.hidden);
		this.delta = new double[m][this.hidden];
		this.gradients = new Gradients(spec, m);
		this.pixelLists = new Gradients.PixelLists(DataSet.IMAGE_SIZE, m);
		SplittableRandom random = new SplittableRandom(2);
		for (int i = 0; i < m; i++) {
			for (int j = 0; j < this.hidden; j++) {
				this.delta[i][j] = 1e-3 * random.nextGaussian();
				this.deltas.set(i, j, this.delta[i][j]);
			}
			this.gradients.exampleNnz[i] = this.nnz[i];
			System.arraycopy(this.index[i], 0, this.gradients.exampleIndex[i], 0, this.nnz[i]);
			System.arraycopy(this.value[i], 0, this.gradients.exampleValue[i], 0, this.nnz[i]);
			System.arraycopy(this.delta[i], 0, this.gradients.exampleDelta[i], 0, this.hidden);
		}
		this.gradients.clear();
		this.gradients.examples = m;
		secondLayer(data, spec);
		adam(data, spec);
	}

	private void secondLayer(DataSet data, NetworkSpec spec) {
		int m = this.batch;
		this.flatOutputWeights = this.network.weights(1);
		this.rowOutputWeights = this.network.rows[1];
		this.outputBias = this.network.biases[1];
		this.flatOutputGradient = new DMatrixRMaj(this.hidden, DataSet.CLASSES);
		this.rowOutputGradient = new double[this.hidden][DataSet.CLASSES];
		this.hiddenActivations = new double[m][];
		this.outputDelta = new double[m][];
		this.outputInput = new double[m][DataSet.CLASSES];
		this.below = new double[m][this.hidden];
		this.coefficient = new double[m];
		Forward forward = new Forward(spec);
		for (int i = 0; i < m; i++) {
			forward.sparseInput(data, i);
			forward.run(this.network);
			this.hiddenActivations[i] = forward.a[1].clone();
			double[] d = new double[DataSet.CLASSES];
			double[] out = forward.a[2];
			for (int j = 0; j < d.length; j++) {
				double y = (j == data.label(i)) ? 1.0 : 0.0;
				d[j] = (out[j] - y) * out[j] * (1.0 - out[j]);
			}
			this.outputDelta[i] = d;
		}
	}

	private void adam(DataSet data, NetworkSpec spec) {
		Backprop backprop = new Backprop(spec, Cost.QUADRATIC, this.batch);
		int[] order = new int[this.batch];
		Arrays.setAll(order, (i) -> i);
		backprop.run(this.network, data, order, 0, this.batch);
		this.adamGradients = backprop.gradients;
		this.adamGradients.materialise();
		this.adam = new Adam(1e-9);
		this.adam.initialise(spec);
		this.flatAdam = new FlatAdam(spec, 1e-9);
		this.unrolledAdam = new UnrolledAdam(spec, 1e-9);
		this.flatAdamWeights = new DMatrixRMaj[] { this.network.weights(0), this.network.weights(1) };
		this.flatAdamGradients = new DMatrixRMaj[] { this.adamGradients.weights(0), this.adamGradients.weights(1) };
	}

	// --- first layer, weighted input

	@Benchmark
	public DMatrixRMaj inputEjmlDenseMult() {
		CommonOps_DDRM.mult(this.inputs, this.flatWeights, this.output);
		return this.output;
	}

	@Benchmark
	public double[][] inputFlatOneRowPerPass() {
		int n = this.hidden;
		for (int i = 0; i < this.batch; i++) {
			Arrays.fill(this.rows[i], 0.0);
			for (int k = 0; k < this.nnz[i]; k++) {
				FlatKernels.axpy(n, this.value[i][k], this.flatWeights.data, this.index[i][k] * n, this.rows[i], 0);
			}
		}
		return this.rows;
	}

	/** The kernel replaced: eight rows per pass on the flat array. */
	@Benchmark
	public double[][] inputFlatEightRowsFma() {
		for (int i = 0; i < this.batch; i++) {
			Arrays.fill(this.rows[i], 0.0);
			FlatKernels.sparseRowCombination(this.hidden, this.index[i], this.value[i], this.nnz[i],
					this.flatWeights.data, this.rows[i]);
		}
		return this.rows;
	}

	/** The kernel used: four rows per pass, one array per row. */
	@Benchmark
	public double[][] inputRowsFourPerPass() {
		for (int i = 0; i < this.batch; i++) {
			Arrays.fill(this.rows[i], 0.0);
			Kernels.sparseRowCombination(this.hidden, this.index[i], this.value[i], this.nnz[i], this.rowWeights,
					this.rows[i]);
		}
		return this.rows;
	}

	// --- first layer, plain SGD update

	@Benchmark
	public DMatrixRMaj updateEjmlDense() {
		CommonOps_DDRM.multAddTransA(-1e-3, this.inputs, this.deltas, this.flatWeights);
		return this.flatWeights;
	}

	/** The kernel replaced: example by example, four rows per pass, flat array. */
	@Benchmark
	public DMatrixRMaj updateFlatByExample() {
		for (int i = 0; i < this.batch; i++) {
			FlatKernels.sparseOuterProductAdd(this.hidden, -1e-3, this.index[i], this.value[i], this.nnz[i],
					this.delta[i], this.flatWeights.data);
		}
		return this.flatWeights;
	}

	/** Example by example, four rows per pass, one array per row. */
	@Benchmark
	public double[][] updateRowsByExample() {
		for (int i = 0; i < this.batch; i++) {
			Kernels.sparseOuterProductAdd(this.hidden, -1e-3, this.index[i], this.value[i], this.nnz[i],
					this.delta[i], this.rowWeights);
		}
		return this.rowWeights;
	}

	/**
	 * Pixel by pixel, four examples per pass over the row, lists of each pixel's examples
	 * built first (what {@code Gradients} does from {@code BY_PIXEL_FROM} examples, and on
	 * more than one thread).
	 */
	@Benchmark
	public double[][] updateRowsByPixel() {
		this.gradients.addFirstLayerToByPixel(this.rowWeights, -1e-3);
		return this.rowWeights;
	}

	/**
	 * As {@link #updateRowsByPixel} with the kernel before it finished each pixel's last
	 * one to three examples in one pass: each of them one axpy.
	 */
	@Benchmark
	public double[][] updateRowsByPixelAxpyTails() {
		Gradients.PixelLists pixels = this.pixelLists;
		pixels.build(this.gradients, 0, DataSet.IMAGE_SIZE);
		for (int p = 0; p < DataSet.IMAGE_SIZE; p++) {
			int count = pixels.count(p);
			if (count != 0) {
				FlatKernels.scaledSparseRowCombinationAxpyTail(this.hidden, -1e-3, pixels.example, pixels.value, count,
						this.gradients.exampleDelta, this.rowWeights[p], pixels.start[p]);
			}
		}
		return this.rowWeights;
	}

	// --- second layer (n × 10)

	/** The kernel replaced. */
	@Benchmark
	public double[][] secondInputFlat() {
		for (int i = 0; i < this.batch; i++) {
			System.arraycopy(this.outputBias, 0, this.outputInput[i], 0, DataSet.CLASSES);
			FlatKernels.denseRowCombination(DataSet.CLASSES, this.hiddenActivations[i], this.flatOutputWeights.data,
					this.outputInput[i]);
		}
		return this.outputInput;
	}

	/** What {@code Forward} does: the sum of the rows, then the scale and the bias. */
	@Benchmark
	public double[][] secondInputRows() {
		int[] all = this.index[0];
		double[] acc = new double[DataSet.CLASSES];
		for (int i = 0; i < this.batch; i++) {
			Arrays.fill(acc, 0.0);
			for (int k = 0; k < this.hidden; k++) {
				all[k] = k;
			}
			Kernels.sparseRowCombination(DataSet.CLASSES, all, this.hiddenActivations[i], this.hidden,
					this.rowOutputWeights, acc);
			Kernels.addScaled(DataSet.CLASSES, 1.0, acc, this.outputBias, this.outputInput[i]);
		}
		return this.outputInput;
	}

	/** The kernel replaced: gradient and error below in one pass, example by example. */
	@Benchmark
	public DMatrixRMaj backpropFlat() {
		for (int i = 0; i < this.batch; i++) {
			FlatKernels.backpropagateRows(DataSet.CLASSES, this.hiddenActivations[i], this.flatOutputWeights.data,
					this.outputDelta[i], this.flatOutputGradient.data, this.below[i]);
		}
		return this.flatOutputGradient;
	}

	/**
	 * What {@code Backprop} does: each example's error below (a dot per row), then each
	 * gradient row as the batch's terms, four examples per pass.
	 */
	@Benchmark
	public double[][] backpropRows() {
		for (int i = 0; i < this.batch; i++) {
			for (int r = 0; r < this.hidden; r++) {
				this.below[i][r] = Kernels.dot(DataSet.CLASSES, this.rowOutputWeights[r], this.outputDelta[i]);
			}
		}
		for (int r = 0; r < this.hidden; r++) {
			for (int e = 0; e < this.batch; e++) {
				this.coefficient[e] = this.hiddenActivations[e][r];
			}
			Kernels.rowCombination(DataSet.CLASSES, this.coefficient, this.outputDelta, this.batch,
					this.rowOutputGradient[r]);
		}
		return this.rowOutputGradient;
	}

	// --- whole-network steps

	/** Adam as it was: one loop over each flat matrix. */
	@Benchmark
	public DMatrixRMaj[] adamStepFlat() {
		this.flatAdam.step(this.flatAdamWeights, this.flatAdamGradients, 0.1);
		return this.flatAdamWeights;
	}

	/** Adam as it is: one vectorised loop per row. */
	@Benchmark
	public Network adamStepRows() {
		this.adam.step(this.network, this.adamGradients, 0.1, 0.0);
		return this.network;
	}

	/**
	 * A remedy for the per-row step's short loops, measured and not kept: copy the rows
	 * into flat arrays, take the flat step over them, copy the weights back.
	 */
	@Benchmark
	public Network adamStepFlatThroughCopies() {
		for (int l = 0; l < this.flatAdamWeights.length; l++) {
			double[][] rows = this.network.rows[l];
			int n = rows[0].length;
			for (int i = 0; i < rows.length; i++) {
				System.arraycopy(rows[i], 0, this.flatAdamWeights[l].data, i * n, n);
				System.arraycopy(this.adamGradients.row(l, i), 0, this.flatAdamGradients[l].data, i * n, n);
			}
		}
		this.flatAdam.step(this.flatAdamWeights, this.flatAdamGradients, 0.1);
		for (int l = 0; l < this.flatAdamWeights.length; l++) {
			double[][] rows = this.network.rows[l];
			int n = rows[0].length;
			for (int i = 0; i < rows.length; i++) {
				System.arraycopy(this.flatAdamWeights[l].data, i * n, rows[i], 0, n);
			}
		}
		return this.network;
	}

	/** The other remedy measured and not kept: each row's loop unrolled by four by hand. */
	@Benchmark
	public Network adamStepRowsUnrolled() {
		this.unrolledAdam.step(this.network, this.adamGradients, 0.1);
		return this.network;
	}

	/** L2's decay as it was: every weight of both layers multiplied. */
	@Benchmark
	public DMatrixRMaj l2DecayFlat() {
		CommonOps_DDRM.scale(1.0 - 1e-9, this.flatAdamWeights[0]);
		CommonOps_DDRM.scale(1.0 - 1e-9, this.flatAdamWeights[1]);
		return this.flatAdamWeights[0];
	}

	/** The previous Adam, on flat arrays, for comparison. */
	static final class FlatAdam {

		private final double learningRate;

		private final DMatrixRMaj[] mean;

		private final DMatrixRMaj[] square;

		private long t;

		FlatAdam(NetworkSpec spec, double learningRate) {
			this.learningRate = learningRate;
			this.mean = new DMatrixRMaj[] { new DMatrixRMaj(784, spec.size(1)), new DMatrixRMaj(spec.size(1), 10) };
			this.square = new DMatrixRMaj[] { new DMatrixRMaj(784, spec.size(1)), new DMatrixRMaj(spec.size(1), 10) };
		}

		void step(DMatrixRMaj[] weights, DMatrixRMaj[] gradients, double scale) {
			this.t++;
			double stepSize = this.learningRate * Math.sqrt(1.0 - Math.pow(0.999, this.t))
					/ (1.0 - Math.pow(0.9, this.t));
			for (int l = 0; l < weights.length; l++) {
				update(weights[l].data, gradients[l].data, this.mean[l].data, this.square[l].data, scale, stepSize);
			}
		}

		private void update(double[] w, double[] g, double[] m, double[] v, double scale, double stepSize) {
			double b1 = 0.9;
			double b2 = 0.999;
			double eps = 1e-8 * Math.sqrt(1.0 - Math.pow(b2, this.t));
			for (int i = 0; i < w.length; i++) {
				double grad = scale * g[i];
				m[i] = b1 * m[i] + (1.0 - b1) * grad;
				v[i] = b2 * v[i] + (1.0 - b2) * grad * grad;
				w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
			}
		}

	}

	/** Adam on rows, each row's loop unrolled by four by hand (C2 then vectorises none of it). */
	static final class UnrolledAdam {

		private static final double B1 = 0.9;

		private static final double B2 = 0.999;

		private final double learningRate;

		private final double[][][] mean;

		private final double[][][] square;

		private long t;

		UnrolledAdam(NetworkSpec spec, double learningRate) {
			this.learningRate = learningRate;
			this.mean = OptimizerState.weightShapes(spec);
			this.square = OptimizerState.weightShapes(spec);
		}

		void step(Network network, Gradients gradients, double scale) {
			this.t++;
			double stepSize = this.learningRate * Math.sqrt(1.0 - Math.pow(B2, this.t)) / (1.0 - Math.pow(B1, this.t));
			double eps = 1e-8 * Math.sqrt(1.0 - Math.pow(B2, this.t));
			for (int l = 0; l < network.layerCount(); l++) {
				double[][] rows = network.rows[l];
				for (int i = 0; i < rows.length; i++) {
					update(rows[i], gradients.row(l, i), this.mean[l][i], this.square[l][i], scale, stepSize, eps);
				}
			}
		}

		private static void update(double[] w, double[] g, double[] m, double[] v, double s, double size,
				double eps) {
			int j = 0;
			for (; j + 4 <= w.length; j += 4) {
				double g0 = s * g[j];
				double g1 = s * g[j + 1];
				double g2 = s * g[j + 2];
				double g3 = s * g[j + 3];
				double m0 = B1 * m[j] + (1.0 - B1) * g0;
				double m1 = B1 * m[j + 1] + (1.0 - B1) * g1;
				double m2 = B1 * m[j + 2] + (1.0 - B1) * g2;
				double m3 = B1 * m[j + 3] + (1.0 - B1) * g3;
				double v0 = B2 * v[j] + (1.0 - B2) * g0 * g0;
				double v1 = B2 * v[j + 1] + (1.0 - B2) * g1 * g1;
				double v2 = B2 * v[j + 2] + (1.0 - B2) * g2 * g2;
				double v3 = B2 * v[j + 3] + (1.0 - B2) * g3 * g3;
				m[j] = m0;
				m[j + 1] = m1;
				m[j + 2] = m2;
				m[j + 3] = m3;
				v[j] = v0;
				v[j + 1] = v1;
				v[j + 2] = v2;
				v[j + 3] = v3;
				w[j] -= size * m0 / (Math.sqrt(v0) + eps);
				w[j + 1] -= size * m1 / (Math.sqrt(v1) + eps);
				w[j + 2] -= size * m2 / (Math.sqrt(v2) + eps);
				w[j + 3] -= size * m3 / (Math.sqrt(v3) + eps);
			}
			for (; j < w.length; j++) {
				double grad = s * g[j];
				m[j] = B1 * m[j] + (1.0 - B1) * grad;
				v[j] = B2 * v[j] + (1.0 - B2) * grad * grad;
				w[j] -= size * m[j] / (Math.sqrt(v[j]) + eps);
			}
		}

	}

}
