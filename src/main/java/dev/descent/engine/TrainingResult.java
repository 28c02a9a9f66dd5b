package dev.descent.engine;

import java.util.List;

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
	 * @return the best test accuracy of any epoch
	 */
	public double bestAccuracy() {
		return this.history.stream().mapToDouble(EpochResult::accuracy).max().orElse(0.0);
	}

	/**
	 * @return the test accuracy after the last epoch
	 */
	public double finalAccuracy() {
		return this.history.isEmpty() ? 0.0 : this.history.get(this.history.size() - 1).accuracy();
	}

}
