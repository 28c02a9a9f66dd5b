package dev.descent.engine;

/**
 * Everything that determines a training run; with the same config and data, a run is
 * bit-for-bit repeatable.
 *
 * @param network the architecture
 * @param init how the initial weights are drawn
 * @param cost the cost function
 * @param optimizer the update rule, with η; each run works on its own
 * {@link Optimizer#copy()}
 * @param epochs passes over the training data, at least 1
 * @param batchSize m, examples per mini-batch, at least 1
 * @param l2 λ, the L2 regularisation parameter (0 = off), scaled by 1/n as in the book
 * @param seed seeds the initial weights and every epoch's shuffle
 * @param earlyStoppingPatience stop after this many epochs without a better test accuracy
 * (0 = never)
 * @param learningRateDecay γ in (0, 1]: epoch e trains with η·γ^(e−1), η the optimiser's
 * learning rate (1 = a constant η, the book's runs)
 */
public record TrainingConfig(NetworkSpec network, Init init, Cost cost, Optimizer optimizer, int epochs, int batchSize,
		double l2, long seed, int earlyStoppingPatience, double learningRateDecay) {

	/** A run whose learning rate stays η for every epoch. */
	public TrainingConfig(NetworkSpec network, Init init, Cost cost, Optimizer optimizer, int epochs, int batchSize,
			double l2, long seed, int earlyStoppingPatience) {
		this(network, init, cost, optimizer, epochs, batchSize, l2, seed, earlyStoppingPatience, 1.0);
	}

	/** What a bad learning-rate decay is told, after its name. */
	public static final String LEARNING_RATE_DECAY_RULE = "must be above 0 and at most 1";

	/**
	 * @return whether γ is a learning-rate decay a config accepts: in (0, 1]
	 */
	public static boolean isLearningRateDecay(double decay) {
		return decay > 0.0 && decay <= 1.0;
	}

	public TrainingConfig {
		if (!isLearningRateDecay(learningRateDecay)) {
			throw new IllegalArgumentException(
					"learningRateDecay " + LEARNING_RATE_DECAY_RULE + ", got " + learningRateDecay);
		}
		if (epochs < 1) {
			throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
		}
		if (!(l2 >= 0.0) || !Double.isFinite(l2)) {
			throw new IllegalArgumentException("l2 must be zero or positive and finite, got " + l2);
		}
		if (earlyStoppingPatience < 0) {
			throw new IllegalArgumentException(
					"earlyStoppingPatience must not be negative, got " + earlyStoppingPatience);
		}
		if (network == null || init == null || cost == null || optimizer == null) {
			throw new IllegalArgumentException("network, init, cost and optimizer are required");
		}
	}

	/**
	 * @return η·γ^(epoch−1), the learning rate of that epoch (1-based); exactly η when γ
	 * = 1
	 */
	public double learningRate(int epoch) {
		return this.optimizer.learningRate() * StrictMath.pow(this.learningRateDecay, epoch - 1);
	}

	/**
	 * The book's first run: [784,30,10] sigmoid, quadratic cost, SGD η = 3.0, m = 10, 30
	 * epochs, every weight and bias from N(0, 1).
	 */
	public static TrainingConfig book(long seed) {
		return new TrainingConfig(NetworkSpec.sigmoid(784, 30, 10), Init.NORMAL, Cost.QUADRATIC, new Sgd(3.0), 30, 10,
				0.0, seed, 0);
	}

	/**
	 * What the service and the command line train when told nothing: the book's first run
	 * with its weights drawn for each layer's inputs ({@link Init#SCALED}: N(0, 1/n_in),
	 * He's N(0, 2/n_in) for ReLU), which keeps the output neurons out of saturation for
	 * every seed (the README's Accuracy section).
	 */
	public static TrainingConfig defaults(long seed) {
		TrainingConfig book = book(seed);
		return new TrainingConfig(book.network(), Init.SCALED, book.cost(), book.optimizer(), book.epochs(),
				book.batchSize(), book.l2(), seed, book.earlyStoppingPatience());
	}

}
