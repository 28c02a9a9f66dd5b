package dev.descent.engine;

import java.util.ArrayList;
import java.util.List;

import dev.descent.data.DataSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run resumed from the checkpoint of any epoch ends exactly as the run that was never
 * interrupted: the same weights, bit for bit, and the same history.
 */
class TrainerResumeTest {

	private static final int EPOCHS = 4;

	private final DataSet training = Samples.random(300, 1);

	private final DataSet test = Samples.random(50, 2);

	static List<Arguments> optimizers() {
		List<Arguments> cases = new ArrayList<>();
		for (Optimizer optimizer : List.of(new Sgd(0.5), new Momentum(0.1, 0.9), new Adam(0.01))) {
			for (double l2 : new double[] { 0.0, 5.0 }) {
				cases.add(Arguments.of(optimizer, l2));
			}
		}
		return cases;
	}

	private static TrainingConfig config(Optimizer optimizer, double l2) {
		return new TrainingConfig(new NetworkSpec(new int[] { 784, 12, 10 }, Activation.SIGMOID, Activation.SOFTMAX),
				Init.SCALED, Cost.CROSS_ENTROPY, optimizer, EPOCHS, 7, l2, 42, 0);
	}

	@ParameterizedTest(name = "{0} with l2 = {1}")
	@MethodSource("optimizers")
	void resumingAfterAnyEpochGivesTheUninterruptedRunBitForBit(Optimizer optimizer, double l2) {
		TrainingConfig config = config(optimizer, l2);
		Recorder uninterrupted = new Recorder();
		TrainingResult expected = new Trainer(config).train(this.training, this.test, uninterrupted, () -> false);
		assertThat(uninterrupted.checkpoints).hasSize(EPOCHS);
		for (Checkpoint checkpoint : uninterrupted.checkpoints.subList(0, EPOCHS - 1)) {
			Recorder resumed = new Recorder();
			TrainingResult result = new Trainer(config).resume(checkpoint, this.training, this.test, resumed,
					() -> false);
			assertSameWeights(result.network(), expected.network());
			assertSameHistory(result.history(), expected.history());
			assertThat(resumed.epochs).extracting(EpochResult::epoch)
				.containsExactlyElementsOf(expected.history()
					.subList(checkpoint.epochsCompleted(), EPOCHS)
					.stream()
					.map(EpochResult::epoch)
					.toList());
			// and it checkpoints what the uninterrupted run did
			Checkpoint last = resumed.checkpoints.get(resumed.checkpoints.size() - 1);
			assertSameWeights(last.network(), uninterrupted.checkpoints.get(EPOCHS - 1).network());
			assertSameState(last.optimizer(), uninterrupted.checkpoints.get(EPOCHS - 1).optimizer());
		}
	}

	/**
	 * With γ below 1, epoch e trains with η·γ^(e−1): bit for bit, it is epoch e of a run
	 * at that constant rate resumed from the decaying run's checkpoint of epoch e − 1. A
	 * decaying run resumes bit for bit too.
	 */
	@ParameterizedTest(name = "{0} with l2 = {1}")
	@MethodSource("optimizers")
	void aDecayingLearningRateTrainsEpochEWithEtaTimesGammaToTheEMinusOne(Optimizer optimizer, double l2) {
		TrainingConfig base = config(optimizer, l2);
		TrainingConfig decaying = new TrainingConfig(base.network(), base.init(), base.cost(), optimizer, EPOCHS,
				base.batchSize(), l2, base.seed(), 0, 0.5);
		Recorder recorder = new Recorder();
		TrainingResult expected = new Trainer(decaying).train(this.training, this.test, recorder, () -> false);
		TrainingConfig firstEpoch = new TrainingConfig(base.network(), base.init(), base.cost(), optimizer, 1,
				base.batchSize(), l2, base.seed(), 0);
		assertSameWeights(
				new Trainer(firstEpoch).train(this.training, this.test, new Recorder(), () -> false).network(),
				recorder.checkpoints.get(0).network());
		for (int epoch = 2; epoch <= EPOCHS; epoch++) {
			Optimizer atRate = Optimizers.create(optimizer.name(), optimizer.learningRate() * Math.pow(0.5, epoch - 1),
					optimizer.settings());
			TrainingConfig constant = new TrainingConfig(base.network(), base.init(), base.cost(), atRate, epoch,
					base.batchSize(), l2, base.seed(), 0);
			TrainingResult one = new Trainer(constant).resume(recorder.checkpoints.get(epoch - 2), this.training,
					this.test, new Recorder(), () -> false);
			assertSameWeights(one.network(), recorder.checkpoints.get(epoch - 1).network());
		}
		TrainingResult resumed = new Trainer(decaying).resume(recorder.checkpoints.get(1), this.training, this.test,
				new Recorder(), () -> false);
		assertSameWeights(resumed.network(), expected.network());
		assertSameHistory(resumed.history(), expected.history());
	}

	@Test
	void aLearningRateDecayOutsideZeroToOneIsRefused() {
		TrainingConfig base = config(new Sgd(0.5), 0.0);
		for (double decay : new double[] { 0.0, -0.5, 1.5, Double.NaN }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TrainingConfig(base.network(), base.init(), base.cost(), base.optimizer(), 2, 7,
						0.0, 1, 0, decay))
				.withMessageContaining("learningRateDecay");
		}
	}

	@Test
	void resumingDoesNotChangeTheCheckpoint() {
		Recorder recorder = new Recorder();
		TrainingConfig config = config(new Adam(0.01), 0.0);
		new Trainer(config).train(this.training, this.test, recorder, () -> false);
		Checkpoint first = recorder.checkpoints.get(0);
		double[] weights = first.network().weights(0).data.clone();
		double[] moments = first.optimizer().values().get(0).clone();
		new Trainer(config).resume(first, this.training, this.test, (r, n) -> {
		}, () -> false);
		assertThat(first.network().weights(0).data).isEqualTo(weights);
		assertThat(first.optimizer().values().get(0)).isEqualTo(moments);
		assertThat(first.optimizer().steps()).isEqualTo((300 + 6) / 7);
	}

	@Test
	void earlyStoppingStopsAtTheSameEpochAfterAResume() {
		// η so large that accuracy cannot keep improving on random labels
		TrainingConfig config = new TrainingConfig(NetworkSpec.sigmoid(784, 4, 10), Init.NORMAL, Cost.QUADRATIC,
				new Sgd(50.0), 40, 10, 0, 3, 2);
		Recorder uninterrupted = new Recorder();
		TrainingResult expected = new Trainer(config).train(this.training, this.test, uninterrupted, () -> false);
		assertThat(expected.stoppedEarly()).isTrue();
		for (Checkpoint checkpoint : uninterrupted.checkpoints) {
			Recorder resumed = new Recorder();
			TrainingResult result = new Trainer(config).resume(checkpoint, this.training, this.test, resumed,
					() -> false);
			assertThat(result.stoppedEarly()).isTrue();
			assertSameHistory(result.history(), expected.history());
			assertSameWeights(result.network(), expected.network());
		}
		// the last checkpoint is of the epoch that stopped the run: nothing more is
		// trained
		Recorder afterStop = new Recorder();
		new Trainer(config).resume(uninterrupted.checkpoints.get(uninterrupted.checkpoints.size() - 1), this.training,
				this.test, afterStop, () -> false);
		assertThat(afterStop.epochs).isEmpty();
	}

	/**
	 * With a validation set, early stopping follows validation accuracy; a resume finds
	 * the same best epoch again in the checkpoint's history and stops where the
	 * uninterrupted run stopped.
	 */
	@Test
	void aRunWithAValidationSetResumesBitForBitAndStopsEarlyOnValidation() {
		DataSet validation = Samples.random(40, 5);
		TrainingConfig config = new TrainingConfig(NetworkSpec.sigmoid(784, 4, 10), Init.NORMAL, Cost.QUADRATIC,
				new Sgd(50.0), 40, 10, 0, 3, 2);
		Recorder uninterrupted = new Recorder();
		TrainingResult expected = new Trainer(config).train(this.training, validation, this.test, uninterrupted,
				() -> false);
		assertThat(expected.stoppedEarly()).isTrue();
		assertThat(expected.history()).allSatisfy((r) -> assertThat(r.validationTotal()).isEqualTo(40));
		int lastEpoch = expected.history().size();
		assertThat(lastEpoch - EpochResult.best(expected.history()).orElseThrow().epoch()).isEqualTo(2);
		for (Checkpoint checkpoint : uninterrupted.checkpoints) {
			TrainingResult result = new Trainer(config).resume(checkpoint, this.training, validation, this.test,
					new Recorder(), () -> false);
			assertSameHistory(result.history(), expected.history());
			assertSameWeights(result.network(), expected.network());
		}
	}

	@Test
	void aCheckpointOfEveryEpochAnswersTheResultAtOnce() {
		TrainingConfig config = config(new Momentum(0.1, 0.9), 0.0);
		Recorder uninterrupted = new Recorder();
		TrainingResult expected = new Trainer(config).train(this.training, this.test, uninterrupted, () -> false);
		Recorder resumed = new Recorder();
		TrainingResult result = new Trainer(config).resume(uninterrupted.checkpoints.get(EPOCHS - 1), this.training,
				this.test, resumed, () -> {
					throw new AssertionError("no mini-batch is run");
				});
		assertThat(resumed.epochs).isEmpty();
		assertThat(result.stoppedEarly()).isFalse();
		assertSameWeights(result.network(), expected.network());
		assertSameHistory(result.history(), expected.history());
	}

	@Test
	void aCancelledResumeCountsEveryEpochFinished() {
		TrainingConfig config = config(new Sgd(0.5), 0.0);
		Recorder recorder = new Recorder();
		new Trainer(config).train(this.training, this.test, recorder, () -> false);
		assertThatThrownBy(
				() -> new Trainer(config).resume(recorder.checkpoints.get(1), this.training, this.test, (r, n) -> {
				}, () -> true))
			.isInstanceOfSatisfying(TrainingCancelledException.class,
					(ex) -> assertThat(ex.epochsCompleted()).isEqualTo(2));
	}

	@Test
	void aCheckpointOfAnotherRunIsRefused() {
		Recorder recorder = new Recorder();
		new Trainer(config(new Momentum(0.1, 0.9), 0.0)).train(this.training, this.test, recorder, () -> false);
		Checkpoint momentum = recorder.checkpoints.get(0);
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Trainer(config(new Adam(0.01), 0.0)).resume(momentum, this.training, this.test, (r, n) -> {
				}, () -> false))
			.withMessage("adam state has 4 arrays, expected 8");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Trainer(config(new Sgd(0.5), 0.0)).resume(momentum, this.training, this.test, (r, n) -> {
				}, () -> false))
			.withMessage("sgd keeps no state, got 4 arrays");
		TrainingConfig wider = new TrainingConfig(
				new NetworkSpec(new int[] { 784, 13, 10 }, Activation.SIGMOID, Activation.SOFTMAX), Init.SCALED,
				Cost.CROSS_ENTROPY, new Momentum(0.1, 0.9), EPOCHS, 7, 0, 42, 0);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Trainer(wider).resume(momentum, this.training, this.test, (r, n) -> {
			}, () -> false))
			.withMessageContaining("expected [784, 13, 10]");
		TrainingConfig shorter = new TrainingConfig(
				new NetworkSpec(new int[] { 784, 12, 10 }, Activation.SIGMOID, Activation.SOFTMAX), Init.SCALED,
				Cost.CROSS_ENTROPY, new Momentum(0.1, 0.9), 1, 7, 0, 42, 0);
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Trainer(shorter).resume(recorder.checkpoints.get(2), this.training, this.test, (r, n) -> {
				}, () -> false))
			.withMessage("checkpoint has 3 epochs, the run has 1");
	}

	@Test
	void aCheckpointsHistoryMustCountFromEpochOne() {
		Network network = Network.zeros(NetworkSpec.sigmoid(784, 10));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Checkpoint(network, OptimizerState.NONE, List.of(new EpochResult(2, 0.1, 1, 2, 0.0))))
			.withMessage("history[0] is epoch 2, expected 1");
	}

	static void assertSameWeights(Network actual, Network expected) {
		assertThat(actual.layerCount()).isEqualTo(expected.layerCount());
		for (int l = 0; l < expected.layerCount(); l++) {
			assertThat(actual.weights(l).data).isEqualTo(expected.weights(l).data);
			assertThat(actual.biases(l).data).isEqualTo(expected.biases(l).data);
		}
	}

	private static void assertSameState(OptimizerState actual, OptimizerState expected) {
		assertThat(actual.steps()).isEqualTo(expected.steps());
		assertThat(actual.values()).hasSameSizeAs(expected.values());
		for (int i = 0; i < expected.values().size(); i++) {
			assertThat(actual.values().get(i)).isEqualTo(expected.values().get(i));
		}
	}

	/** The same epochs, costs and accuracies; the seconds are the clock's. */
	private static void assertSameHistory(List<EpochResult> actual, List<EpochResult> expected) {
		assertThat(actual).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
			.containsExactlyElementsOf(expected);
	}

	private static final class Recorder implements EpochListener {

		final List<Checkpoint> checkpoints = new ArrayList<>();

		final List<EpochResult> epochs = new ArrayList<>();

		@Override
		public void onCheckpoint(Checkpoint checkpoint) {
			assertThat(checkpoint.epochsCompleted()).isEqualTo(this.checkpoints.isEmpty() ? checkpoint.epochsCompleted()
					: this.checkpoints.get(this.checkpoints.size() - 1).epochsCompleted() + 1);
			this.checkpoints.add(checkpoint);
		}

		@Override
		public void onEpoch(EpochResult result, Network network) {
			this.epochs.add(result);
		}

	}

}
