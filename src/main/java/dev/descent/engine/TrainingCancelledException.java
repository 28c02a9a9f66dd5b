package dev.descent.engine;

/**
 * Thrown by the trainer when its cancellation check answers true; no result is produced.
 */
public class TrainingCancelledException extends RuntimeException {

	private final int epochsCompleted;

	public TrainingCancelledException(int epochsCompleted) {
		super("training cancelled after " + epochsCompleted + " epochs");
		this.epochsCompleted = epochsCompleted;
	}

	public int epochsCompleted() {
		return this.epochsCompleted;
	}

}
