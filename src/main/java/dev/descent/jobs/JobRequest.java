package dev.descent.jobs;

import java.util.List;
import java.util.random.RandomGenerator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.descent.storage.SafeNames;

/**
 * The body of {@code POST /jobs}: every field is optional ({@code null} = the default,
 * see {@link #withDefaults}). Simple ranges are Bean Validation annotations; the checks
 * that depend on configuration or on several fields are in {@link JobRequestValidator}.
 *
 * @param model the model to register a version of
 * @param dataset the data set to train on
 * @param layers layer sizes, 784 first and 10 last
 * @param epochs passes over the training data
 * @param batchSize examples per mini-batch
 * @param learningRate η
 * @param cost "quadratic" or "cross-entropy"
 * @param hiddenActivation "sigmoid" or "relu"
 * @param outputActivation "sigmoid" or "softmax"
 * @param init "scaled" (N(0, 1/n_in), He's N(0, 2/n_in) for ReLU layers; the default) or
 * "normal" (the book's N(0, 1))
 * @param optimizer "sgd", "momentum" or "adam"
 * @param momentum momentum's coefficient
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's ε
 * @param l2 λ, 0 = off
 * @param seed seeds the weights and the shuffles; drawn at random when absent
 * @param trainingLimit use only the first N training images
 * @param earlyStopping patience in epochs, 0 = off
 * @param timeLimit ISO-8601 duration after which a running job fails, none when absent
 * @param threads how many threads share each mini-batch; the same seed gives the same
 * weights for any number. When absent, what the executor can give a job (see
 * {@code JobsProperties#defaultThreads}); not recorded, as it does not change the result
 * @param validationSize hold out the last N training images for validation, 0 = none
 * @param learningRateDecay γ in (0, 1]: epoch e trains with learningRate·γ^(e−1); 1 (the
 * default) keeps the learning rate constant
 */
public record JobRequest(@Pattern(regexp = SafeNames.PATTERN, message = NAME_MESSAGE) String model,
		@Pattern(regexp = SafeNames.PATTERN, message = NAME_MESSAGE) String dataset,
		@Size(min = 2, max = 32, message = "must have 2 to 32 entries") List<@NotNull @Min(1) Integer> layers,
		@Min(1) Integer epochs, @Min(1) @Max(60000) Integer batchSize, Double learningRate, String cost,
		String hiddenActivation, String outputActivation, String init, String optimizer, Double momentum, Double beta1,
		Double beta2, Double epsilon, Double l2, Long seed, @Min(1) @Max(60000) Integer trainingLimit,
		@PositiveOrZero Integer earlyStopping, String timeLimit, @Min(1) @Max(64) Integer threads,
		@PositiveOrZero Integer validationSize, Double learningRateDecay) {

	/** Model and data set names follow {@link SafeNames}. */
	static final String NAME_MESSAGE = "must match " + SafeNames.RULE + " and not contain '..'";

	/** A request with the default threads and without a validation split. */
	public JobRequest(String model, String dataset, List<Integer> layers, Integer epochs, Integer batchSize,
			Double learningRate, String cost, String hiddenActivation, String outputActivation, String init,
			String optimizer, Double momentum, Double beta1, Double beta2, Double epsilon, Double l2, Long seed,
			Integer trainingLimit, Integer earlyStopping, String timeLimit) {
		this(model, dataset, layers, epochs, batchSize, learningRate, cost, hiddenActivation, outputActivation, init,
				optimizer, momentum, beta1, beta2, epsilon, l2, seed, trainingLimit, earlyStopping, timeLimit, null,
				null);
	}

	/** A request with a constant learning rate (unless a default says otherwise). */
	public JobRequest(String model, String dataset, List<Integer> layers, Integer epochs, Integer batchSize,
			Double learningRate, String cost, String hiddenActivation, String outputActivation, String init,
			String optimizer, Double momentum, Double beta1, Double beta2, Double epsilon, Double l2, Long seed,
			Integer trainingLimit, Integer earlyStopping, String timeLimit, Integer threads, Integer validationSize) {
		this(model, dataset, layers, epochs, batchSize, learningRate, cost, hiddenActivation, outputActivation, init,
				optimizer, momentum, beta1, beta2, epsilon, l2, seed, trainingLimit, earlyStopping, timeLimit, threads,
				validationSize, null);
	}

	/**
	 * A request with every field absent: the book's first network, with weights scaled to
	 * each layer's inputs.
	 */
	public static JobRequest empty() {
		return new JobRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

	/**
	 * Fills every absent field with its default. The result is what the job records and
	 * runs: with the same seed, two effective requests train the same network.
	 * @param random draws the seed when absent
	 * @param defaultTimeLimit the time limit when absent, may be {@code null}
	 */
	public JobRequest withDefaults(RandomGenerator random, String defaultTimeLimit) {
		return new JobRequest(or(this.model, "mnist"), or(this.dataset, "mnist"), or(this.layers, List.of(784, 30, 10)),
				or(this.epochs, 30), or(this.batchSize, 10), or(this.learningRate, 3.0), or(this.cost, "quadratic"),
				or(this.hiddenActivation, "sigmoid"), or(this.outputActivation, "sigmoid"), or(this.init, "scaled"),
				or(this.optimizer, "sgd"), or(this.momentum, 0.9), or(this.beta1, 0.9), or(this.beta2, 0.999),
				or(this.epsilon, 1e-8), or(this.l2, 0.0), (this.seed != null) ? this.seed : random.nextLong(),
				or(this.trainingLimit, 60000), or(this.earlyStopping, 0), or(this.timeLimit, defaultTimeLimit),
				this.threads, or(this.validationSize, 0), or(this.learningRateDecay, 1.0));
	}

	/**
	 * @return this request training on at most {@code limit} examples (the data set's
	 * size caps it)
	 */
	public JobRequest withTrainingLimit(int limit) {
		return new JobRequest(this.model, this.dataset, this.layers, this.epochs, this.batchSize, this.learningRate,
				this.cost, this.hiddenActivation, this.outputActivation, this.init, this.optimizer, this.momentum,
				this.beta1, this.beta2, this.epsilon, this.l2, this.seed, limit, this.earlyStopping, this.timeLimit,
				this.threads, this.validationSize, this.learningRateDecay);
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
