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
 * @param validationCorrect validation images classified correctly after the epoch
 * @param validationTotal validation images, 0 when the run holds none out
 */
public record EpochResult(int epoch, double cost, int correct, int total, double seconds, int validationCorrect,
		int validationTotal) {

	/** An epoch of a run without a validation set. */
	public EpochResult(int epoch, double cost, int correct, int total, double seconds) {
		this(epoch, cost, correct, total, seconds, 0, 0);
	}

	/**
	 * @return whether the run evaluated a validation set after this epoch
	 */
	public boolean hasValidation() {
		return this.validationTotal > 0;
	}

	/**
	 * @return correct / total, or 0 with no test data
	 */
	public double accuracy() {
		return (this.total == 0) ? 0.0 : (double) this.correct / this.total;
	}

	/**
	 * @return validationCorrect / validationTotal, or NaN without a validation set
	 */
	public double validationAccuracy() {
		return hasValidation() ? (double) this.validationCorrect / this.validationTotal : Double.NaN;
	}

	/**
	 * The best epoch of a run, as early stopping and every report count it: by validation
	 * accuracy when the run holds out a validation set, else by test accuracy.
	 * @param history a run's epochs, in order
	 * @return the first epoch with the most correct validation (else test) images, or
	 * empty when there is none
	 */
	public static Optional<EpochResult> best(List<EpochResult> history) {
		EpochResult best = null;
		for (EpochResult result : history) {
			if (best == null || result.selectionScore() > best.selectionScore()) {
				best = result;
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * What {@link #best} compares: correct validation images, else correct test images.
	 */
	private int selectionScore() {
		return hasValidation() ? this.validationCorrect : this.correct;
	}

}
