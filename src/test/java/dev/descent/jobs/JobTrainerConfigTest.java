package dev.descent.jobs;

import java.util.SplittableRandom;

import dev.descent.engine.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How a job's request becomes the engine's configuration and the version's record. */
class JobTrainerConfigTest {

	private static JobRequest effective(Double learningRateDecay) {
		return new JobRequest(null, null, null, null, null, 0.5, null, null, null, null, null, null, null, null, null,
				null, 7L, null, null, null, null, null, learningRateDecay)
			.withDefaults(new SplittableRandom(1), null);
	}

	@Test
	void aDecayingRateReachesTheEngineAndIsRecordedBesideTheLearningRate() {
		TrainingConfig config = JobTrainer.configOf(effective(0.8));
		assertThat(config.learningRateDecay()).isEqualTo(0.8);
		assertThat(config.learningRate(3)).isCloseTo(0.5 * 0.8 * 0.8, within(1e-15));
		assertThat(JobTrainer.settings(config)).containsEntry("learningRate", 0.5)
			.containsEntry("learningRateDecay", 0.8);
	}

	@Test
	void withoutADecayTheRateIsConstantAndTheRecordIsAsBefore() {
		TrainingConfig config = JobTrainer.configOf(effective(null));
		assertThat(config.learningRateDecay()).isEqualTo(1.0);
		assertThat(config.learningRate(30)).isEqualTo(0.5);
		assertThat(JobTrainer.settings(config)).containsOnlyKeys("learningRate");
	}

	/** A job recorded before the field existed has none, even as an effective request. */
	@Test
	void aRecordFromBeforeTheFieldTrainsWithAConstantRate() {
		JobRequest old = effective(null);
		JobRequest recorded = new JobRequest(old.model(), old.dataset(), old.layers(), old.epochs(), old.batchSize(),
				old.learningRate(), old.cost(), old.hiddenActivation(), old.outputActivation(), old.init(),
				old.optimizer(), old.momentum(), old.beta1(), old.beta2(), old.epsilon(), old.l2(), old.seed(),
				old.trainingLimit(), old.earlyStopping(), old.timeLimit(), old.threads(), old.validationSize());
		assertThat(recorded.learningRateDecay()).isNull();
		assertThat(JobTrainer.configOf(recorded).learningRateDecay()).isEqualTo(1.0);
	}

}
