package dev.descent.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSample;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.MatrixVectorMult_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
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
 * The first layer's two hot operations for one mini-batch of 10 real MNIST images.
 * <ul>
 * <li>The weighted input Z = X·W: EJML's dense {@code CommonOps_DDRM.mult} against the
 * engine's sparse kernels, which skip the 81% of pixels that are 0, one row at a time, four
 * rows per pass with a separate multiply and add (the engine's previous kernel), and eight rows
 * per pass with fused multiply-adds (the engine's kernel).</li>
 * <li>The SGD update W += rate · x δᵀ of every example: EJML's dense
 * {@code CommonOps_DDRM.multAddTransA} (W += Xᵀ Δ) against the engine's sparse kernel with a
 * multiply and add, and with fused multiply-adds.</li>
 * </ul>
 * And the second layer's (hidden to output, n × 10) for the same 10 images, with the
 * hidden activations and output errors of the book's initial network:
 * <ul>
 * <li>The weighted input z = b + aᵀW of each example: EJML's {@code CommonOps_DDRM.multAdd}
 * and {@code MatrixVectorMult_DDRM.multAddTransA_reorder} against the engine's
 * {@code Kernels.denseRowCombination}.</li>
 * <li>Back-propagation through it, gW += a δᵀ and δ_below = W δ: EJML's
 * {@code MatrixVectorMult_DDRM.mult} with {@code CommonOps_DDRM.multAddTransA} or with
 * {@code VectorVectorMult_DDRM.addOuterProd} against the engine's
 * {@code Kernels.backpropagateRows}, which does both in one pass.</li>
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

	private static final int BATCH = 10;

	@Param({ "30", "100" })
	int hidden;

	private DMatrixRMaj inputs;

	private DMatrixRMaj weights;

	private DMatrixRMaj output;

	private final int[][] index = new int[BATCH][DataSet.IMAGE_SIZE];

	private final double[][] value = new double[BATCH][DataSet.IMAGE_SIZE];

	private final int[] nnz = new int[BATCH];

	private double[][] rows;

	private DMatrixRMaj deltas;

	private final double[][] delta = new double[BATCH][];

	private DMatrixRMaj outputWeights;

	private double[] outputBias;

	/** Per example, 1 × hidden: the sigmoid activations of the hidden layer. */
	private final DMatrixRMaj[] hiddenActivations = new DMatrixRMaj[BATCH];

	/** Per example, 1 × 10: the output layer's weighted input, written. */
	private final DMatrixRMaj[] outputInput = new DMatrixRMaj[BATCH];

	/** Per example, 1 × 10: the output layer's δ (quadratic cost, sigmoid). */
	private final DMatrixRMaj[] outputDelta = new DMatrixRMaj[BATCH];

	/** Per example, 1 × hidden: W δ, written. */
	private final DMatrixRMaj[] below = new DMatrixRMaj[BATCH];

	private DMatrixRMaj outputGradient;

	@Setup
	public void setUp() {
		DataSet data = MnistSample.training();
		this.inputs = new DMatrixRMaj(BATCH, DataSet.IMAGE_SIZE);
		for (int i = 0; i < BATCH; i++) {
			System.arraycopy(data.image(i), 0, this.inputs.data, i * DataSet.IMAGE_SIZE, DataSet.IMAGE_SIZE);
			this.nnz[i] = data.sparseImage(i, this.index[i], this.value[i]);
		}
		Network network = Network.initialise(NetworkSpec.sigmoid(784, this.hidden, 10), Init.NORMAL,
				new SplittableRandom(1));
		this.weights = network.weights(0);
		this.output = new DMatrixRMaj(BATCH, this.hidden);
		this.rows = new double[BATCH][this.hidden];
		this.deltas = new DMatrixRMaj(BATCH, this.hidden);
		SplittableRandom random = new SplittableRandom(2);
		for (int i = 0; i < BATCH; i++) {
			this.delta[i] = new double[this.hidden];
			for (int j = 0; j < this.hidden; j++) {
				this.delta[i][j] = 1e-3 * random.nextGaussian();
				this.deltas.set(i, j, this.delta[i][j]);
			}
		}
		this.outputWeights = network.weights(1);
		this.outputBias = network.biases(1).data;
		this.outputGradient = new DMatrixRMaj(this.hidden, DataSet.CLASSES);
		Forward forward = new Forward(network.spec());
		for (int i = 0; i < BATCH; i++) {
			forward.sparseInput(data, i);
			forward.run(network);
			this.hiddenActivations[i] = DMatrixRMaj.wrap(1, this.hidden, forward.a[1].clone());
			double[] d = new double[DataSet.CLASSES];
			double[] out = forward.a[2];
			for (int j = 0; j < d.length; j++) {
				double y = (j == data.label(i)) ? 1.0 : 0.0;
				d[j] = (out[j] - y) * out[j] * (1.0 - out[j]);
			}
			this.outputDelta[i] = DMatrixRMaj.wrap(1, DataSet.CLASSES, d);
			this.outputInput[i] = new DMatrixRMaj(1, DataSet.CLASSES);
			this.below[i] = new DMatrixRMaj(1, this.hidden);
		}
	}

	@Benchmark
	public DMatrixRMaj ejmlDenseMult() {
		CommonOps_DDRM.mult(this.inputs, this.weights, this.output);
		return this.output;
	}

	@Benchmark
	public DMatrixRMaj sparseRowByRow() {
		this.output.zero();
		int n = this.hidden;
		for (int i = 0; i < BATCH; i++) {
			for (int k = 0; k < this.nnz[i]; k++) {
				Kernels.axpy(n, this.value[i][k], this.weights.data, this.index[i][k] * n, this.output.data, i * n);
			}
		}
		return this.output;
	}

	@Benchmark
	public double[][] sparseFourRowsMulAdd() {
		int n = this.hidden;
		double[] w = this.weights.data;
		for (int i = 0; i < BATCH; i++) {
			double[] y = this.rows[i];
			java.util.Arrays.fill(y, 0.0);
			int[] index = this.index[i];
			double[] value = this.value[i];
			int k = 0;
			for (; k + 3 < this.nnz[i]; k += 4) {
				int o0 = index[k] * n;
				int o1 = index[k + 1] * n;
				int o2 = index[k + 2] * n;
				int o3 = index[k + 3] * n;
				for (int j = 0; j < n; j++) {
					y[j] += value[k] * w[o0 + j] + value[k + 1] * w[o1 + j] + value[k + 2] * w[o2 + j]
							+ value[k + 3] * w[o3 + j];
				}
			}
			for (; k < this.nnz[i]; k++) {
				int o = index[k] * n;
				for (int j = 0; j < n; j++) {
					y[j] += value[k] * w[o + j];
				}
			}
		}
		return this.rows;
	}

	@Benchmark
	public double[][] sparseEightRowsFma() {
		for (int i = 0; i < BATCH; i++) {
			java.util.Arrays.fill(this.rows[i], 0.0);
			Kernels.sparseRowCombination(this.hidden, this.index[i], this.value[i], this.nnz[i], this.weights.data,
					this.rows[i]);
		}
		return this.rows;
	}

	@Benchmark
	public DMatrixRMaj updateEjmlDense() {
		CommonOps_DDRM.multAddTransA(-1e-3, this.inputs, this.deltas, this.weights);
		return this.weights;
	}

	@Benchmark
	public DMatrixRMaj updateSparseFourRowsMulAdd() {
		int n = this.hidden;
		double[] w = this.weights.data;
		for (int i = 0; i < BATCH; i++) {
			int[] index = this.index[i];
			double[] value = this.value[i];
			double[] d = this.delta[i];
			int k = 0;
			for (; k + 3 < this.nnz[i]; k += 4) {
				double c0 = -1e-3 * value[k];
				double c1 = -1e-3 * value[k + 1];
				double c2 = -1e-3 * value[k + 2];
				double c3 = -1e-3 * value[k + 3];
				int o0 = index[k] * n;
				int o1 = index[k + 1] * n;
				int o2 = index[k + 2] * n;
				int o3 = index[k + 3] * n;
				for (int j = 0; j < n; j++) {
					w[o0 + j] += c0 * d[j];
					w[o1 + j] += c1 * d[j];
					w[o2 + j] += c2 * d[j];
					w[o3 + j] += c3 * d[j];
				}
			}
			for (; k < this.nnz[i]; k++) {
				double c = -1e-3 * value[k];
				int o = index[k] * n;
				for (int j = 0; j < n; j++) {
					w[o + j] += c * d[j];
				}
			}
		}
		return this.weights;
	}

	@Benchmark
	public DMatrixRMaj updateSparseFourRowsFma() {
		for (int i = 0; i < BATCH; i++) {
			Kernels.sparseOuterProductAdd(this.hidden, -1e-3, this.index[i], this.value[i], this.nnz[i], this.delta[i],
					this.weights.data);
		}
		return this.weights;
	}

	@Benchmark
	public DMatrixRMaj[] denseLayerEjmlMultAdd() {
		for (int i = 0; i < BATCH; i++) {
			System.arraycopy(this.outputBias, 0, this.outputInput[i].data, 0, DataSet.CLASSES);
			CommonOps_DDRM.multAdd(this.hiddenActivations[i], this.outputWeights, this.outputInput[i]);
		}
		return this.outputInput;
	}

	@Benchmark
	public DMatrixRMaj[] denseLayerEjmlMatrixVectorReorder() {
		for (int i = 0; i < BATCH; i++) {
			System.arraycopy(this.outputBias, 0, this.outputInput[i].data, 0, DataSet.CLASSES);
			MatrixVectorMult_DDRM.multAddTransA_reorder(this.outputWeights, this.hiddenActivations[i],
					this.outputInput[i]);
		}
		return this.outputInput;
	}

	@Benchmark
	public DMatrixRMaj[] denseLayerKernel() {
		for (int i = 0; i < BATCH; i++) {
			System.arraycopy(this.outputBias, 0, this.outputInput[i].data, 0, DataSet.CLASSES);
			Kernels.denseRowCombination(DataSet.CLASSES, this.hiddenActivations[i].data, this.outputWeights.data,
					this.outputInput[i].data);
		}
		return this.outputInput;
	}

	@Benchmark
	public DMatrixRMaj backpropEjmlMultAddTransA() {
		for (int i = 0; i < BATCH; i++) {
			CommonOps_DDRM.multAddTransA(this.hiddenActivations[i], this.outputDelta[i], this.outputGradient);
			MatrixVectorMult_DDRM.mult(this.outputWeights, this.outputDelta[i], this.below[i]);
		}
		return this.outputGradient;
	}

	@Benchmark
	public DMatrixRMaj backpropEjmlAddOuterProd() {
		for (int i = 0; i < BATCH; i++) {
			VectorVectorMult_DDRM.addOuterProd(1.0, this.hiddenActivations[i], this.outputDelta[i],
					this.outputGradient);
			MatrixVectorMult_DDRM.mult(this.outputWeights, this.outputDelta[i], this.below[i]);
		}
		return this.outputGradient;
	}

	@Benchmark
	public DMatrixRMaj backpropKernel() {
		for (int i = 0; i < BATCH; i++) {
			Kernels.backpropagateRows(DataSet.CLASSES, this.hiddenActivations[i].data, this.outputWeights.data,
					this.outputDelta[i].data, this.outputGradient.data, this.below[i].data);
		}
		return this.outputGradient;
	}

}
