package dev.descent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import dev.descent.data.DataSet;

/**
 * Mini-batch stochastic gradient descent, the seed's algorithm: each epoch shuffles the
 * training data, splits it into mini-batches of m examples, and for each batch
 * backpropagates every example, sums the gradients, and lets the optimiser take one step.
 * The engine allocates its buffers once per run; the mini-batch loop allocates nothing.
 *
 * <p>
 * Random numbers come from one {@link SplittableRandom} seeded with the config's seed:
 * its first split draws the initial weights, its second shuffles every epoch, so a seed
 * reproduces a run bit for bit. After every epoch the listener is given a
 * {@link Checkpoint}, from which {@link #resume} goes on as if the run had never stopped.
 * A run may share each mini-batch among several threads
 * ({@link #Trainer(TrainingConfig, int)}); the mini-batch is split into the same chunks
 * and every sum is added in the same order whatever their number, so a seed gives
 * bit-identical weights on any number of threads (tested). A trainer's runs are
 * independent: runs in parallel may share it.
 */
public final class Trainer {

	private final TrainingConfig config;

	private final int threads;

	/** A trainer that runs on the calling thread alone. */
	public Trainer(TrainingConfig config) {
		this(config, 1);
	}

	/**
	 * @param threads how many threads share each mini-batch (the caller and threads − 1
	 * helpers started for each run); the weights are the same bits for any number
	 * @throws IllegalArgumentException when threads is below 1
	 */
	public Trainer(TrainingConfig config, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		}
		this.config = config;
		this.threads = threads;
	}

	/**
	 * Trains a network from the config's initial weights.
	 * @param training the training examples, not modified
	 * @param test evaluated after every epoch, not modified
	 * @param listener told of every epoch
	 * @param cancelled checked before every mini-batch
	 * @throws TrainingCancelledException when {@code cancelled} answered true
	 */
	public TrainingResult train(DataSet training, DataSet test, EpochListener listener, BooleanSupplier cancelled) {
		return train(training, null, test, listener, cancelled);
	}

	/**
	 * Trains a network from the config's initial weights, evaluating a held-out
	 * validation set after every epoch as well; early stopping then follows validation
	 * accuracy.
	 * @param training the training examples, not modified
	 * @param validation evaluated after every epoch, not modified; {@code null} for none
	 * @param test evaluated after every epoch, not modified
	 * @param listener told of every epoch
	 * @param cancelled checked before every mini-batch
	 * @throws TrainingCancelledException when {@code cancelled} answered true
	 */
	public TrainingResult train(DataSet training, DataSet validation, DataSet test, EpochListener listener,
			BooleanSupplier cancelled) {
		requireData(training);
		return start(null, new Data(training, validation, test), listener, cancelled);
	}

	/**
	 * Goes on with a run of this config from a checkpoint it made after epoch k: the
	 * shuffles of epochs 1..k are replayed, the optimiser's state restored and early
	 * stopping's best epoch found again in the history, so epochs k+1… (and the result)
	 * are bit for bit those of the run that was not interrupted. A checkpoint of a
	 * finished run (every epoch, or stopped early) answers its result at once.
	 * @param checkpoint made by a run of this config on the same data, not modified
	 * @param training the training examples, not modified
	 * @param test evaluated after every epoch, not modified
	 * @param listener told of every epoch after k
	 * @param cancelled checked before every mini-batch
	 * @throws IllegalArgumentException when the checkpoint does not fit this config
	 * @throws TrainingCancelledException when {@code cancelled} answered true
	 */
	public TrainingResult resume(Checkpoint checkpoint, DataSet training, DataSet test, EpochListener listener,
			BooleanSupplier cancelled) {
		return resume(checkpoint, training, null, test, listener, cancelled);
	}

	/**
	 * {@link #resume(Checkpoint, DataSet, DataSet, EpochListener, BooleanSupplier)} of a
	 * run that evaluates a validation set.
	 * @param validation the run's validation set, not modified; {@code null} for none
	 */
	public TrainingResult resume(Checkpoint checkpoint, DataSet training, DataSet validation, DataSet test,
			EpochListener listener, BooleanSupplier cancelled) {
		requireData(training);
		int completed = checkpoint.epochsCompleted();
		if (completed > this.config.epochs()) {
			throw new IllegalArgumentException(
					"checkpoint has " + completed + " epochs, the run has " + this.config.epochs());
		}
		if (!checkpoint.network().spec().equals(this.config.network())) {
			throw new IllegalArgumentException("checkpoint is of a " + checkpoint.network().spec()
					+ " network, expected " + this.config.network());
		}
		return start(checkpoint, new Data(training, validation, test), listener, cancelled);
	}

	/** The sets a run trains on and evaluates; {@code validation} may be null. */
	private record Data(DataSet training, DataSet validation, DataSet test) {
	}

	/**
	 * Sets up a run of this config, from its initial weights when {@code checkpoint} is
	 * null, else from the checkpoint (whose weights replace the initial ones, with the
	 * shuffles of its epochs replayed and the optimiser's state restored), and runs it.
	 */
	private TrainingResult start(Checkpoint checkpoint, Data data, EpochListener listener, BooleanSupplier cancelled) {
		SplittableRandom root = new SplittableRandom(this.config.seed());
		SplittableRandom weightsRandom = root.split();
		SplittableRandom shuffleRandom = root.split();
		Optimizer optimizer = this.config.optimizer().copy();
		optimizer.initialise(this.config.network());
		int[] order = identity(data.training().size());
		if (checkpoint == null) {
			Network network = Network.initialise(this.config.network(), this.config.init(), weightsRandom);
			return run(network, optimizer, shuffleRandom, order, new ArrayList<>(), data, listener, cancelled);
		}
		for (int epoch = 1; epoch <= checkpoint.epochsCompleted(); epoch++) {
			shuffle(order, shuffleRandom);
		}
		optimizer.restore(checkpoint.optimizer());
		return run(checkpoint.network().copy(), optimizer, shuffleRandom, order, new ArrayList<>(checkpoint.history()),
				data, listener, cancelled);
	}

	private static void requireData(DataSet training) {
		if (training.size() == 0) {
			throw new IllegalArgumentException("training data is empty");
		}
	}

	/** Runs the epochs after those in {@code history}, which it extends. */
	private TrainingResult run(Network network, Optimizer optimizer, SplittableRandom shuffleRandom, int[] order,
			List<EpochResult> history, Data data, EpochListener listener, BooleanSupplier cancelled) {
		try (Workers workers = Workers.start(this.threads)) {
			Backprop backprop = new Backprop(this.config.network(), this.config.cost(), this.config.batchSize(),
					workers);
			return epochs(network, optimizer, backprop, shuffleRandom, order, history, data, listener, cancelled);
		}
	}

	private TrainingResult epochs(Network network, Optimizer optimizer, Backprop backprop,
			SplittableRandom shuffleRandom, int[] order, List<EpochResult> history, Data data, EpochListener listener,
			BooleanSupplier cancelled) {
		while (history.size() < this.config.epochs()) {
			if (stopsEarly(history)) {
				return new TrainingResult(network, history, true);
			}
			int epoch = history.size() + 1;
			shuffle(order, shuffleRandom);
			long start = System.nanoTime();
			double cost = runEpoch(network, data.training(), order, optimizer, backprop, cancelled, epoch);
			double seconds = (System.nanoTime() - start) / 1e9;
			EpochResult result = evaluate(network, data, epoch, cost, seconds);
			history.add(result);
			listener.onCheckpoint(new Checkpoint(network.copy(), optimizer.state(), history));
			listener.onEpoch(result, network);
		}
		return new TrainingResult(network, history, false);
	}

	private static EpochResult evaluate(Network network, Data data, int epoch, double cost, double seconds) {
		DataSet validation = data.validation();
		int validationCorrect = (validation != null) ? network.countCorrect(validation) : 0;
		int validationTotal = (validation != null) ? validation.size() : 0;
		return new EpochResult(epoch, cost, network.countCorrect(data.test()), data.test().size(), seconds,
				validationCorrect, validationTotal);
	}

	/**
	 * @return whether early stopping ends the run after these epochs: the last is
	 * {@code patience} or more epochs after the first one with the best validation (or,
	 * without a validation set, test) accuracy
	 */
	private boolean stopsEarly(List<EpochResult> history) {
		int patience = this.config.earlyStoppingPatience();
		if (patience == 0 || history.isEmpty()) {
			return false;
		}
		return history.size() - EpochResult.best(history).orElseThrow().epoch() >= patience;
	}

	private double runEpoch(Network network, DataSet training, int[] order, Optimizer optimizer, Backprop backprop,
			BooleanSupplier cancelled, int epoch) {
		int n = training.size();
		int m = this.config.batchSize();
		double l2 = this.config.l2() / n;
		double learningRate = this.config.learningRate(epoch);
		double costSum = 0.0;
		for (int start = 0; start < n; start += m) {
			if (cancelled.getAsBoolean()) {
				throw new TrainingCancelledException(epoch - 1);
			}
			costSum += step(network, training, order, start, Math.min(start + m, n), optimizer, backprop, l2,
					learningRate);
		}
		network.renormalise();
		double cost = costSum / n;
		if (this.config.l2() > 0.0) {
			cost += 0.5 * l2 * sumOfSquaredWeights(network);
		}
		return cost;
	}

	/**
	 * One mini-batch, examples {@code order[from..to)}: backpropagation, then the update.
	 * @return the sum of the examples' costs
	 */
	static double step(Network network, DataSet training, int[] order, int from, int to, Optimizer optimizer,
			Backprop backprop, double l2, double learningRate) {
		double cost = backprop.run(network, training, order, from, to);
		optimizer.step(network, backprop.gradients, 1.0 / (to - from), l2, learningRate);
		return cost;
	}

	static double sumOfSquaredWeights(Network network) {
		double sum = 0.0;
		for (int l = 0; l < network.layerCount(); l++) {
			double s = network.scale[l];
			for (double[] row : network.rows[l]) {
				for (double v : row) {
					double w = s * v;
					sum += w * w;
				}
			}
		}
		return sum;
	}

	static int[] identity(int n) {
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		return order;
	}

	/** Fisher–Yates, in place. */
	private static void shuffle(int[] order, SplittableRandom random) {
		for (int i = order.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
	}

}
