package dev.descent.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.descent.engine.Activation;
import dev.descent.engine.Cost;
import dev.descent.engine.Init;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.Optimizers;
import dev.descent.engine.TrainingConfig;

/**
 * The {@code train} command's options, {@code --name value} or {@code --name=value}, with
 * the service's defaults ({@link TrainingConfig#defaults}: the book's first network, its
 * weights scaled to each layer's inputs).
 *
 * @param config what to train
 * @param trainingLimit use only the first N training images
 * @param mnistDirectory where MNIST is kept (fetched there when missing)
 * @param threads threads sharing each mini-batch (the result does not depend on it)
 */
record TrainOptions(TrainingConfig config, int trainingLimit, Path mnistDirectory, int threads) {

	static final Set<String> NAMES = Set.of("layers", "epochs", "batch-size", "learning-rate", "cost",
			"hidden-activation", "output-activation", "init", "optimizer", "momentum", "beta1", "beta2", "epsilon",
			"l2", "seed", "training-limit", "early-stopping", "mnist-dir", "threads", "learning-rate-decay");

	static final String USAGE = """
			usage: java -jar descent.jar train [--option value]...
			  --layers 784,30,10          layer sizes, 784 first and 10 last
			  --epochs 30                 --batch-size 10       --learning-rate 3.0
			  --cost quadratic|cross-entropy
			  --hidden-activation sigmoid|relu   --output-activation sigmoid|softmax
			  --learning-rate-decay 1     (γ in (0, 1]: epoch e trains with η·γ^(e−1); 1 = constant η)
			  --init scaled|normal        --optimizer sgd|momentum|adam
			                              (scaled: N(0,1/n_in), He's N(0,2/n_in) for relu; normal: the book's N(0,1))
			  --momentum 0.9  --beta1 0.9  --beta2 0.999  --epsilon 1e-8
			  --l2 0                      --seed 1 (random when absent)
			  --training-limit 60000      --early-stopping 0 (patience in epochs; 0 = off)
			  --mnist-dir ./data/mnist    --threads (the machine's processors; the weights do not depend on it)
			""";

	/**
	 * @throws IllegalArgumentException naming the option at fault
	 */
	static TrainOptions parse(String[] args) {
		Map<String, String> values = Options.parse(args, NAMES);
		long seed = values.containsKey("seed") ? longInteger(values, "seed")
				: new java.security.SecureRandom().nextLong();
		TrainingConfig book = TrainingConfig.defaults(seed);
		int[] layers = values.containsKey("layers") ? parseLayers(values.get("layers")) : book.network().layers();
		NetworkSpec spec = new NetworkSpec(layers,
				Activation.fromId(values.getOrDefault("hidden-activation", book.network().hidden().id())),
				Activation.fromId(values.getOrDefault("output-activation", book.network().output().id())));
		Map<String, Double> settings = new HashMap<>();
		for (String name : new String[] { "momentum", "beta1", "beta2", "epsilon" }) {
			if (values.containsKey(name)) {
				settings.put(name, number(values, name, 0));
			}
		}
		var optimizer = Optimizers.create(values.getOrDefault("optimizer", book.optimizer().name()),
				number(values, "learning-rate", book.optimizer().learningRate()), settings);
		TrainingConfig config = new TrainingConfig(spec, Init.fromId(values.getOrDefault("init", book.init().id())),
				Cost.fromId(values.getOrDefault("cost", book.cost().id())), optimizer,
				integer(values, "epochs", book.epochs()), integer(values, "batch-size", book.batchSize()),
				number(values, "l2", book.l2()), seed, integer(values, "early-stopping", book.earlyStoppingPatience()),
				learningRateDecay(values));
		int limit = integer(values, "training-limit", 60000);
		if (limit < 1) {
			throw new IllegalArgumentException("--training-limit must be at least 1, got " + limit);
		}
		int threads = integer(values, "threads", Runtime.getRuntime().availableProcessors());
		if (threads < 1 || threads > 64) {
			throw new IllegalArgumentException("--threads must be between 1 and 64, got " + threads);
		}
		return new TrainOptions(config, limit, Path.of(values.getOrDefault("mnist-dir", "data/mnist")), threads);
	}

	private static double learningRateDecay(Map<String, String> values) {
		double decay = number(values, "learning-rate-decay", 1.0);
		if (!TrainingConfig.isLearningRateDecay(decay)) {
			throw new IllegalArgumentException(
					"--learning-rate-decay " + TrainingConfig.LEARNING_RATE_DECAY_RULE + ", got " + decay);
		}
		return decay;
	}

	private static int[] parseLayers(String text) {
		String[] parts = text.split(",");
		int[] layers = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				layers[i] = Integer.parseInt(parts[i].trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--layers: '" + parts[i] + "' is not a whole number");
			}
		}
		return layers;
	}

	private static int integer(Map<String, String> values, String name, int fallback) {
		try {
			return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + ": '" + values.get(name) + "' is not a whole number");
		}
	}

	private static long longInteger(Map<String, String> values, String name) {
		try {
			return Long.parseLong(values.get(name));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + ": '" + values.get(name) + "' is not a whole number");
		}
	}

	private static double number(Map<String, String> values, String name, double fallback) {
		try {
			return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + ": '" + values.get(name) + "' is not a number");
		}
	}

}
