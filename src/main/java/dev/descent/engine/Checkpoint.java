package dev.descent.engine;

import java.util.List;

/**
 * A run's whole state after a finished epoch, from which {@link Trainer#resume} goes on
 * exactly as the run would have: the weights and biases, the optimiser's state and the
 * history of the epochs finished. The shuffles are not kept: they follow from the seed
 * and the number of epochs, and are replayed.
 *
 * @param network the network after the last finished epoch; a copy nobody trains
 * @param optimizer the optimiser's state after that epoch
 * @param history one entry per finished epoch, epochs 1, 2, … in order; copied
 */
public record Checkpoint(Network network, OptimizerState optimizer, List<EpochResult> history) {

	public Checkpoint {
		if (network == null || optimizer == null) {
			throw new IllegalArgumentException("network and optimizer are required");
		}
		history = List.copyOf(history);
		for (int i = 0; i < history.size(); i++) {
			if (history.get(i).epoch() != i + 1) {
				throw new IllegalArgumentException(
						"history[" + i + "] is epoch " + history.get(i).epoch() + ", expected " + (i + 1));
			}
		}
	}

	/**
	 * @return the number of finished epochs (k): a resumed run goes on at epoch k + 1
	 */
	public int epochsCompleted() {
		return this.history.size();
	}

}
