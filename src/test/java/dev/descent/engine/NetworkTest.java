package dev.descent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.descent.data.DataSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class NetworkTest {

	private final Network network = Network.initialise(
			new NetworkSpec(new int[] { 784, 20, 10 }, Activation.RELU, Activation.SOFTMAX), Init.SCALED,
			new SplittableRandom(3));

	private final DataSet data = Samples.random(40, 4);

	@Test
	void batchPredictionEqualsOneByOneAndDoesNotModifyInputs() {
		double[][] inputs = new double[this.data.size()][];
		for (int i = 0; i < inputs.length; i++) {
			inputs[i] = this.data.image(i);
		}
		double[] first = inputs[0].clone();
		double[][] outputs = this.network.predict(inputs);
		for (int i = 0; i < inputs.length; i++) {
			assertThat(outputs[i]).containsExactly(this.network.predict(inputs[i]));
		}
		assertThat(inputs[0]).isEqualTo(first);
	}

	@Test
	void softmaxOutputsAreAProbabilityDistribution() {
		double[] output = this.network.predict(this.data.image(0));
		assertThat(output).hasSize(10);
		assertThat(java.util.Arrays.stream(output).allMatch((p) -> p >= 0 && p <= 1)).isTrue();
		assertThat(java.util.Arrays.stream(output).sum()).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void predictionsAreThreadSafeWhileAnotherNetworkTrains() throws Exception {
		List<double[]> expected = new ArrayList<>();
		for (int i = 0; i < this.data.size(); i++) {
			expected.add(this.network.predict(this.data.image(i)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			Future<?> training = pool
				.submit(() -> new Trainer(TrainingConfig.book(1)).train(Samples.random(500, 9), this.data, (r, n) -> {
				}, () -> false));
			List<Future<Boolean>> checks = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				checks.add(pool.submit(() -> {
					for (int round = 0; round < 50; round++) {
						for (int i = 0; i < this.data.size(); i++) {
							if (!java.util.Arrays.equals(this.network.predict(this.data.image(i)), expected.get(i))) {
								return false;
							}
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> check : checks) {
				assertThat(check.get()).isTrue();
			}
			training.get();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void confusionCountsEachExampleByLabelAndPrediction() {
		int[][] expected = new int[10][10];
		for (int i = 0; i < this.data.size(); i++) {
			expected[this.data.label(i)][Network.argmax(this.network.predict(this.data.image(i)))]++;
		}
		int[][] confusion = this.network.confusion(this.data);
		assertThat(confusion).isDeepEqualTo(expected);
		int[] classCounts = this.data.classCounts();
		int diagonal = 0;
		for (int label = 0; label < 10; label++) {
			assertThat(java.util.Arrays.stream(confusion[label]).sum()).as("row %d", label)
				.isEqualTo(classCounts[label]);
			diagonal += confusion[label][label];
		}
		assertThat(this.network.countCorrect(this.data)).isEqualTo(diagonal);
	}

	@Test
	void rejectsInputsOfTheWrongLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.network.predict(new double[783]))
			.withMessageContaining("783");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.network.predict(new double[][] { new double[784], new double[785] }))
			.withMessageContaining("inputs[1]");
	}

	@Test
	void costsStayFiniteWhereActivationsSaturate() {
		double[] z = { 800, -800, 0, 0, 0, 0, 0, 0, 0, 0 };
		double[] a = new double[10];
		for (Activation output : new Activation[] { Activation.SIGMOID, Activation.SOFTMAX }) {
			output.apply(z, a, 10);
			for (Cost cost : Cost.values()) {
				assertThat(cost.cost(output, z, a, 10, 1)).as("%s %s", cost, output).isFinite().isPositive();
			}
		}
	}

	@Test
	void specRejectsWrongShapesAndActivations() {
		assertThatIllegalArgumentException().isThrownBy(() -> NetworkSpec.sigmoid(783, 30, 10))
			.withMessageContaining("layers[0]");
		assertThatIllegalArgumentException().isThrownBy(() -> NetworkSpec.sigmoid(784, 0, 10))
			.withMessageContaining("layers[1]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NetworkSpec(new int[] { 784, 10 }, Activation.SOFTMAX, Activation.SIGMOID))
			.withMessageContaining("hidden");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NetworkSpec(new int[] { 784, 10 }, Activation.SIGMOID, Activation.RELU))
			.withMessageContaining("output");
		assertThat(NetworkSpec.parameterCount(new int[] { 784, 30, 10 })).isEqualTo(784 * 30 + 30 + 30 * 10 + 10);
	}

}
