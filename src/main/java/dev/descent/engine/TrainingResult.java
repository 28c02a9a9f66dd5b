package dev.descent.engine;

import java.util.List;
import java.util.Optional;

/**
 * A finished run.
 *
 * @param network the trained network after the last epoch run
 * @param history one entry per epoch run, in order
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 */
public record TrainingResult(Network network, List<EpochResult> history, boolean stoppedEarly) {

	public TrainingResult {
		history = List.copyOf(history);
	}

	/**
	 * @return the first epoch with the best test accuracy (see {@link EpochResult#best}),
	 * empty when no epoch ran
	 */
	public Optional<EpochResult> bestEpoch() {
		return EpochResult.best(this.history);
	}

	/**
	 * @return the best test accuracy of any epoch, or 0 when no epoch ran
	 */
	public double bestAccuracy() {
		return bestEpoch().map(EpochResult::accuracy).orElse(0.0);
	}

	/**
	 * @return the test accuracy after the last epoch
	 */
	public double finalAccuracy() {
		return this.history.isEmpty() ? 0.0 : this.history.get(this.history.size() - 1).accuracy();
	}

}
