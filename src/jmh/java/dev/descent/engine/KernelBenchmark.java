package dev.descent.engine;

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
 * The first layer's weighted input for one mini-batch of 10 real MNIST images: EJML's dense
 * {@code CommonOps_DDRM.mult} (Z = X·W) against the engine's sparse kernels, which skip the 81%
 * of pixels that are 0. The engine uses a hand-written kernel here only because this benchmark
 * shows it faster. Run with {@code bench/jmh.sh KernelBenchmark}.
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
	public double[][] sparseFourRows() {
		for (int i = 0; i < BATCH; i++) {
			java.util.Arrays.fill(this.rows[i], 0.0);
			Kernels.sparseRowCombination(this.hidden, this.index[i], this.value[i], this.nnz[i], this.weights.data,
					this.rows[i]);
		}
		return this.rows;
	}

}
