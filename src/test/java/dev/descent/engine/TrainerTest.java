package dev.descent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.descent.data.DataSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

	private final DataSet training = Samples.random(300, 1);

	private final DataSet test = Samples.random(50, 2);

	private static TrainingConfig config(Optimizer optimizer, double l2, long seed) {
		return new TrainingConfig(new NetworkSpec(new int[] { 784, 12, 10 }, Activation.SIGMOID, Activation.SOFTMAX),
				Init.SCALED, Cost.CROSS_ENTROPY, optimizer, 3, 7, l2, seed, 0);
	}

	@Test
	void sameSeedGivesBitIdenticalWeightsForEveryOptimizer() {
		for (Optimizer optimizer : List.of(new Sgd(0.5), new Sgd(0.5), new Momentum(0.1, 0.9), new Adam(0.01))) {
			for (double l2 : new double[] { 0.0, 5.0 }) {
				Network first = train(config(optimizer, l2, 42));
				Network second = train(config(optimizer, l2, 42));
				for (int l = 0; l < first.layerCount(); l++) {
					assertThat(second.weights(l).data).isEqualTo(first.weights(l).data);
					assertThat(second.biases(l).data).isEqualTo(first.biases(l).data);
				}
			}
		}
	}

	/**
	 * A mini-batch is cut into the same chunks and every sum is added in the same order
	 * on any number of threads: for batches one thread takes example by example (7),
	 * pixel by pixel (40) and in two chunks (130), with and without L2.
	 */
	@Test
	void sameSeedGivesBitIdenticalWeightsOnAnyNumberOfThreads() {
		for (Optimizer optimizer : List.of(new Sgd(0.5), new Momentum(0.1, 0.9), new Adam(0.01))) {
			for (int batchSize : new int[] { 7, 40, 130 }) {
				TrainingConfig config = new TrainingConfig(
						new NetworkSpec(new int[] { 784, 12, 9, 10 }, Activation.RELU, Activation.SOFTMAX), Init.SCALED,
						Cost.CROSS_ENTROPY, optimizer, 2, batchSize, 5.0, 42, 0);
				Network one = new Trainer(config, 1).train(this.training, this.test, (r, n) -> {
				}, () -> false).network();
				for (int threads : new int[] { 2, 3 }) {
					Network many = new Trainer(config, threads).train(this.training, this.test, (r, n) -> {
					}, () -> false).network();
					for (int l = 0; l < one.layerCount(); l++) {
						assertThat(many.weights(l).data)
							.as("%s m=%d %d threads layer %d", optimizer.name(), batchSize, threads, l)
							.isEqualTo(one.weights(l).data);
						assertThat(many.biases(l).data).isEqualTo(one.biases(l).data);
					}
				}
			}
		}
	}

	@Test
	void differentSeedGivesDifferentWeights() {
		Network first = train(config(new Sgd(0.5), 0, 1));
		Network second = train(config(new Sgd(0.5), 0, 2));
		assertThat(second.weights(0).data).isNotEqualTo(first.weights(0).data);
	}

	@Test
	void trainingDoesNotModifyItsData() {
		double[] before = this.training.image(17);
		train(config(new Sgd(0.5), 0, 1));
		assertThat(this.training.image(17)).isEqualTo(before);
	}

	@Test
	void listenerHearsEveryEpochWithCostAccuracyAndTime() {
		List<EpochResult> heard = new ArrayList<>();
		TrainingResult result = new Trainer(config(new Sgd(0.5), 0, 1)).train(this.training, this.test,
				(r, n) -> heard.add(r), () -> false);
		assertThat(heard).extracting(EpochResult::epoch).containsExactly(1, 2, 3);
		assertThat(heard).allSatisfy((r) -> {
			assertThat(r.cost()).isPositive().isFinite();
			assertThat(r.total()).isEqualTo(50);
			assertThat(r.correct()).isBetween(0, 50);
			assertThat(r.seconds()).isPositive();
		});
		assertThat(result.history()).isEqualTo(heard);
	}

	@Test
	void cancellationStopsWithinOneMiniBatch() {
		AtomicInteger checks = new AtomicInteger();
		// 300 examples in batches of 7 = 43 batches per epoch; cancel at the 50th check
		// (epoch 2)
		assertThatThrownBy(() -> new Trainer(config(new Sgd(0.5), 0, 1)).train(this.training, this.test, (r, n) -> {
		}, () -> checks.incrementAndGet() > 50)).isInstanceOf(TrainingCancelledException.class)
			.extracting((e) -> ((TrainingCancelledException) e).epochsCompleted())
			.isEqualTo(1);
		assertThat(checks.get()).isEqualTo(51);
	}

	@Test
	void earlyStoppingEndsARunThatStopsImproving() {
		// η so large that accuracy cannot keep improving on random labels
		TrainingConfig config = new TrainingConfig(NetworkSpec.sigmoid(784, 4, 10), Init.NORMAL, Cost.QUADRATIC,
				new Sgd(50.0), 40, 10, 0, 3, 2);
		TrainingResult result = new Trainer(config).train(this.training, this.test, (r, n) -> {
		}, () -> false);
		assertThat(result.stoppedEarly()).isTrue();
		assertThat(result.history()).hasSizeLessThan(40);
		List<EpochResult> history = result.history();
		int best = history.stream().mapToInt(EpochResult::correct).max().orElseThrow();
		int lastBest = 0;
		for (EpochResult r : history) {
			if (r.correct() == best && lastBest == 0) {
				lastBest = r.epoch();
			}
		}
		assertThat(history.get(history.size() - 1).epoch() - lastBest).isEqualTo(2);
	}

	@Test
	void aValidationSetIsEvaluatedAfterEveryEpochBesideTheTestSet() {
		DataSet validation = Samples.random(40, 5);
		TrainingResult result = new Trainer(config(new Sgd(0.5), 0, 1)).train(this.training, validation, this.test,
				(r, n) -> {
				}, () -> false);
		assertThat(result.history()).hasSize(3).allSatisfy((r) -> {
			assertThat(r.total()).isEqualTo(50);
			assertThat(r.validationTotal()).isEqualTo(40);
			assertThat(r.validationAccuracy()).isEqualTo(r.validationCorrect() / 40.0);
		});
		// the validation set changes nothing of the training itself
		TrainingResult without = new Trainer(config(new Sgd(0.5), 0, 1)).train(this.training, this.test, (r, n) -> {
		}, () -> false);
		assertThat(result.network().weights(0).data).isEqualTo(without.network().weights(0).data);
		assertThat(without.history()).allSatisfy((r) -> assertThat(r.validationAccuracy()).isNaN());
	}

	@Test
	void withAValidationSetTheBestEpochIsTheFirstWithTheMostCorrectValidationImages() {
		List<EpochResult> history = List.of(new EpochResult(1, 0.5, 90, 100, 1, 70, 100),
				new EpochResult(2, 0.4, 80, 100, 1, 85, 100), new EpochResult(3, 0.3, 95, 100, 1, 85, 100));
		assertThat(EpochResult.best(history)).containsSame(history.get(1));
	}

	@Test
	void bestEpochIsTheFirstWithTheMostCorrect() {
		List<EpochResult> history = List.of(new EpochResult(1, 0.5, 70, 100, 1), new EpochResult(2, 0.4, 90, 100, 1),
				new EpochResult(3, 0.3, 90, 100, 1), new EpochResult(4, 0.2, 80, 100, 1));
		assertThat(EpochResult.best(history)).containsSame(history.get(1));
		TrainingResult result = new TrainingResult(Network.zeros(NetworkSpec.sigmoid(784, 1, 10)), history, false);
		assertThat(result.bestEpoch()).containsSame(history.get(1));
		assertThat(result.bestAccuracy()).isEqualTo(0.9);
		assertThat(EpochResult.best(List.of())).isEmpty();
		assertThat(new TrainingResult(result.network(), List.of(), false).bestAccuracy()).isZero();
	}

	@Test
	void reportedCostIncludesTheL2Term() {
		List<EpochResult> plain = new Trainer(config(new Sgd(1e-12), 0, 9)).train(this.training, this.test, (r, n) -> {
		}, () -> false).history();
		TrainingResult regularised = new Trainer(config(new Sgd(1e-12), 5.0, 9)).train(this.training, this.test,
				(r, n) -> {
				}, () -> false);
		// with η ≈ 0 the weights barely move, so the difference is the L2 term (λ/2n) Σw²
		double term = 0.5 * 5.0 / 300 * Trainer.sumOfSquaredWeights(regularised.network());
		assertThat(regularised.history().get(0).cost() - plain.get(0).cost()).isCloseTo(term,
				org.assertj.core.data.Offset.offset(1e-6));
	}

	private Network train(TrainingConfig config) {
		return new Trainer(config).train(this.training, this.test, (r, n) -> {
		}, () -> false).network();
	}

}
