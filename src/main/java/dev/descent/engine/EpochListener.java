package dev.descent.engine;

/**
 * Receives each epoch's result, on the training thread, as soon as the epoch is
 * evaluated.
 */
@FunctionalInterface
public interface EpochListener {

	/**
	 * @param result the finished epoch
	 * @param network the network after this epoch; valid only during the call (the
	 * trainer goes on mutating it), so copy it to keep it
	 */
	void onEpoch(EpochResult result, Network network);

}
