package dev.descent.engine;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;

import dev.descent.data.DataSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training loop allocates nothing once its buffers exist (the README's "The hot loop
 * allocates nothing"): an allocation per mini-batch is garbage at thousands of steps a
 * second, and a collector's pauses in the middle of the loop.
 */
class TrainingStepAllocationTest {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final DataSet data = Samples.random(128, 3);

	private static final int STEPS = 256;

	/**
	 * Counts the calling thread's allocated bytes over 256 of the trainer's mini-batch
	 * steps, after 8 that create whatever is made lazily. The JVM itself sometimes
	 * charges a thread a few dozen bytes while it compiles the loop (none under
	 * {@code -Xint}), so the bound is half an object per mini-batch: any object made per
	 * mini-batch, 16 bytes at least, breaks it. The cases cover every update rule, L2,
	 * both ways of visiting the first layer (by example at 30 columns and m = 10, by
	 * pixel at 100 columns and m = 32) and the calling thread sharing phases with a
	 * helper.
	 */
	@ParameterizedTest(name = "{0}, l2 {1}, [784,{2},10], m = {3}, {4} thread(s)")
	@CsvSource({ "sgd, 0, 30, 10, 1", "sgd, 0.001, 100, 32, 1", "sgd, 0, 100, 32, 2", "momentum, 0, 30, 10, 1",
			"momentum, 0.001, 100, 32, 2", "adam, 0, 30, 10, 1", "adam, 0.001, 100, 32, 1", "adam, 0, 100, 32, 2" })
	void aMiniBatchAllocatesNothing(String optimizerName, double l2, int width, int batchSize, int threads) {
		NetworkSpec spec = new NetworkSpec(new int[] { 784, width, 10 }, Activation.RELU, Activation.SOFTMAX);
		Network network = Network.initialise(spec, Init.SCALED, new SplittableRandom(5));
		Optimizer optimizer = Optimizers.create(optimizerName, 0.01, Map.of());
		optimizer.initialise(spec);
		int[] order = Trainer.identity(this.data.size());
		try (Workers workers = Workers.start(threads)) {
			Backprop backprop = new Backprop(spec, Cost.CROSS_ENTROPY, batchSize, workers);
			steps(8, network, optimizer, backprop, order, batchSize, l2);
			long before = THREADS.getCurrentThreadAllocatedBytes();
			steps(STEPS, network, optimizer, backprop, order, batchSize, l2);
			long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
			assertThat(allocated).as("bytes allocated by %d mini-batches", STEPS).isLessThan(8L * STEPS);
		}
	}

	private void steps(int count, Network network, Optimizer optimizer, Backprop backprop, int[] order, int batchSize,
			double l2) {
		for (int s = 0; s < count; s++) {
			int from = (s * batchSize) % (order.length - batchSize + 1);
			Trainer.step(network, this.data, order, from, from + batchSize, optimizer, backprop, l2, 0.01);
		}
	}

}
