package dev.descent.engine;

/**
 * Receives each epoch's result, on the training thread, as soon as the epoch is
 * evaluated: first {@link #onCheckpoint} with the run's state, then {@link #onEpoch}. A
 * listener that keeps both thus never records an epoch it has no checkpoint of.
 */
@FunctionalInterface
public interface EpochListener {

	/**
	 * @param result the finished epoch
	 * @param network the network after this epoch; valid only during the call (the
	 * trainer goes on mutating it), so copy it to keep it
	 */
	void onEpoch(EpochResult result, Network network);

	/**
	 * Receives what {@link Trainer#resume} needs to go on after this epoch; ignored
	 * unless overridden.
	 * @param checkpoint the run after this epoch, copied, so it may be kept
	 */
	default void onCheckpoint(Checkpoint checkpoint) {
	}

}
