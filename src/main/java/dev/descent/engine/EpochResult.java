package dev.descent.engine;

import java.util.List;
import java.util.Optional;

/**
 * What one finished epoch reports.
 *
 * @param epoch 1-based epoch number
 * @param cost mean cost over the epoch's training examples (plus the L2 term when on)
 * @param correct test images classified correctly after the epoch
 * @param total test images
 * @param seconds wall-clock seconds of training in the epoch (evaluation excluded)
 */
public record EpochResult(int epoch, double cost, int correct, int total, double seconds) {

	/**
	 * @return correct / total, or 0 with no test data
	 */
	public double accuracy() {
		return (this.total == 0) ? 0.0 : (double) this.correct / this.total;
	}

	/**
	 * The best epoch of a run, as early stopping and every report count it.
	 * @param history a run's epochs, in order
	 * @return the first epoch with the most correct test images, or empty when there is
	 * none
	 */
	public static Optional<EpochResult> best(List<EpochResult> history) {
		EpochResult best = null;
		for (EpochResult result : history) {
			if (best == null || result.correct() > best.correct()) {
				best = result;
			}
		}
		return Optional.ofNullable(best);
	}

}
