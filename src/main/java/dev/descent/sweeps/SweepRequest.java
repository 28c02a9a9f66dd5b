package dev.descent.sweeps;

import java.util.List;
import java.util.Map;

import dev.descent.jobs.JobRequest;

/**
 * The body of {@code POST /sweeps}. Checked by {@link SweepRequestValidator}; absent
 * fields take the defaults of {@link #withDefaults}.
 *
 * @param base the job request every trial starts from; its {@code validationSize} is
 * required, since trials are compared on validation accuracy
 * @param space for each swept field of a job request, its values or its range
 * @param algorithm "grid" (every combination, in order) or "random" (seeded draws)
 * @param seed seeds the random draws and, when the base sets no seed, each trial's seed
 * @param maxTrials how many trials at most (random: how many are drawn)
 * @param parallelTrials how many trials may be queued or running at once
 * @param maxFailedTrials more failed trials than this fails the sweep
 * @param timeLimit ISO-8601 duration after which no trial starts and running ones are
 * cancelled; none when absent
 * @param earlyStopping the rule that stops hopeless trials, none when absent
 * @param promote where the winner's version goes, none when absent
 */
public record SweepRequest(JobRequest base, Map<String, Range> space, String algorithm, Long seed, Integer maxTrials,
		Integer parallelTrials, Integer maxFailedTrials, String timeLimit, MedianRule earlyStopping,
		Promotion promote) {

	/** Random search, one trial at a time, unless the request says otherwise. */
	static final String RANDOM = "random";

	static final String GRID = "grid";

	/**
	 * One swept field: either {@code values}, or {@code min} and {@code max} with a
	 * scale.
	 *
	 * @param values the values to try, each one a job would accept for this field
	 * @param min the range's lower end (inclusive)
	 * @param max the range's upper end (inclusive)
	 * @param scale "linear" (the default) or "log"
	 * @param count for a grid over a range: how many points, evenly spaced on the scale
	 */
	public record Range(List<Object> values, Double min, Double max, String scale, Integer count) {

		boolean isRange() {
			return this.values == null;
		}

		boolean isLog() {
			return "log".equals(this.scale);
		}

	}

	/**
	 * The median stopping rule: after epoch {@code afterEpochs}, a trial whose validation
	 * accuracy is below the median of the earlier trials' at that epoch is stopped.
	 *
	 * @param rule "median"
	 * @param afterEpochs k, at least 1
	 */
	public record MedianRule(String rule, Integer afterEpochs) {
	}

	/**
	 * @param alias the alias the winner's version is moved to
	 */
	public record Promotion(String alias) {
	}

	/**
	 * @param trials how many trials the space gives (a grid's size), used when
	 * {@code maxTrials} is absent
	 * @param drawnSeed the seed when the request gives none
	 * @return the request with every default filled in, as the sweep records it
	 */
	SweepRequest withDefaults(int trials, long drawnSeed) {
		String chosen = (this.algorithm != null) ? this.algorithm : RANDOM;
		int max = (this.maxTrials != null) ? this.maxTrials : trials;
		return new SweepRequest(this.base, this.space, chosen, (this.seed != null) ? this.seed : drawnSeed, max,
				(this.parallelTrials != null) ? this.parallelTrials : 1,
				(this.maxFailedTrials != null) ? this.maxFailedTrials : max, this.timeLimit, this.earlyStopping,
				this.promote);
	}

}
