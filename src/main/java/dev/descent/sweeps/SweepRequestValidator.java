package dev.descent.sweeps;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.descent.jobs.JobRequest;
import dev.descent.jobs.JobRequestValidator;
import dev.descent.storage.SafeNames;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Checks a sweep request before anything runs: the base request and every value of the
 * space as a job would check them, the ranges, the counts against
 * {@code descent.sweeps.*}. Each refusal is an {@link InvalidSweepException} naming the
 * field, e.g. {@code space.learningRate.min}.
 */
@Component
class SweepRequestValidator {

	static final int DEFAULT_RANDOM_TRIALS = 10;

	private final JobRequestValidator jobs;

	private final jakarta.validation.Validator annotations;

	private final JsonMapper json;

	private final SweepsProperties properties;

	SweepRequestValidator(JobRequestValidator jobs, jakarta.validation.Validator annotations, JsonMapper json,
			SweepsProperties properties) {
		this.jobs = jobs;
		this.annotations = annotations;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * @return how many trials the request gives when it does not set {@code maxTrials}: a
	 * grid's size, else {@value #DEFAULT_RANDOM_TRIALS} (at most
	 * {@code descent.sweeps.max-trials})
	 * @throws InvalidSweepException naming the first field at fault
	 */
	int validate(SweepRequest request) {
		validateBase(request.base());
		String algorithm = (request.algorithm() != null) ? request.algorithm() : SweepRequest.RANDOM;
		if (!algorithm.equals(SweepRequest.RANDOM) && !algorithm.equals(SweepRequest.GRID)) {
			throw new InvalidSweepException("algorithm", "must be \"grid\" or \"random\", got \"" + algorithm + "\"");
		}
		boolean grid = algorithm.equals(SweepRequest.GRID);
		if (request.space() == null || request.space().isEmpty()) {
			throw new InvalidSweepException("space", "must name at least one field to sweep, e.g. {\"learningRate\": "
					+ "{\"min\": 0.01, \"max\": 10, \"scale\": \"log\"}}");
		}
		long gridSize = 1;
		for (Map.Entry<String, SweepRequest.Range> entry : request.space().entrySet()) {
			int points = validateField(request.base(), entry.getKey(), entry.getValue(), grid);
			gridSize = Math.min(gridSize * points, Integer.MAX_VALUE);
		}
		int max = this.properties.maxTrials();
		if (grid && gridSize > max) {
			throw new InvalidSweepException("space",
					"the grid has " + gridSize + " points, more than descent.sweeps.max-trials (" + max + ")");
		}
		int trials = grid ? (int) gridSize : Math.min(DEFAULT_RANDOM_TRIALS, max);
		validateCounts(request);
		validateRest(request);
		return trials;
	}

	private void validateBase(JobRequest base) {
		if (base == null) {
			throw new InvalidSweepException("base", "is required: the job request every trial starts from");
		}
		Map<String, String> problems = this.jobs.problems(base, this.annotations);
		if (!problems.isEmpty()) {
			Map.Entry<String, String> first = problems.entrySet().iterator().next();
			throw new InvalidSweepException("base." + first.getKey(), first.getValue());
		}
		if (base.validationSize() == null || base.validationSize() == 0) {
			throw new InvalidSweepException("base.validationSize", "is required: trials are compared on validation "
					+ "accuracy, on the last validationSize training images (e.g. 10000 of MNIST's 60000)");
		}
	}

	/**
	 * @return the number of points the field gives a grid
	 */
	private int validateField(JobRequest base, String field, SweepRequest.Range range, boolean grid) {
		String at = "space." + field;
		if (!JobFields.sweepable().contains(field)) {
			throw new InvalidSweepException(at,
					JobFields.FIXED.contains(field) ? "cannot be swept: it is the same for every trial (set it in base)"
							: "is not a field of a job request; fields that can be swept: " + JobFields.sweepable());
		}
		if (range == null) {
			throw new InvalidSweepException(at, "must have values, or min and max");
		}
		if (!range.isRange()) {
			if (range.min() != null || range.max() != null || range.scale() != null || range.count() != null) {
				throw new InvalidSweepException(at, "has values and a range; give one of them");
			}
			return validateValues(base, field, range);
		}
		return validateRange(base, field, range, grid);
	}

	private int validateValues(JobRequest base, String field, SweepRequest.Range range) {
		String at = "space." + field + ".values";
		if (range.values().isEmpty()) {
			throw new InvalidSweepException(at, "must have at least one value");
		}
		if (range.values().size() > this.properties.maxTrials()) {
			throw new InvalidSweepException(at, "has " + range.values().size()
					+ " values, more than descent.sweeps.max-trials (" + this.properties.maxTrials() + ")");
		}
		for (int i = 0; i < range.values().size(); i++) {
			checkValue(base, field, range.values().get(i), at + "[" + i + "]");
		}
		return range.values().size();
	}

	private int validateRange(JobRequest base, String field, SweepRequest.Range range, boolean grid) {
		String at = "space." + field;
		if (!JobFields.isNumber(field)) {
			throw new InvalidSweepException(at, "is not a number, so it cannot have a range; give a list of values");
		}
		if (range.min() == null || !Double.isFinite(range.min())) {
			throw new InvalidSweepException(at + ".min", "is required and must be a finite number");
		}
		if (range.max() == null || !Double.isFinite(range.max())) {
			throw new InvalidSweepException(at + ".max", "is required and must be a finite number");
		}
		if (range.min() > range.max()) {
			throw new InvalidSweepException(at + ".min",
					"must not be greater than max (" + range.min() + " > " + range.max() + ")");
		}
		if (range.scale() != null && !range.scale().equals("linear") && !range.isLog()) {
			throw new InvalidSweepException(at + ".scale",
					"must be \"linear\" or \"log\", got \"" + range.scale() + "\"");
		}
		if (range.isLog() && range.min() <= 0) {
			throw new InvalidSweepException(at + ".min", "must be positive on a log scale, got " + range.min());
		}
		checkValue(base, field, TrialSampler.typed(field, range.min()), at + ".min");
		checkValue(base, field, TrialSampler.typed(field, range.max()), at + ".max");
		if (!grid) {
			return 1;
		}
		if (range.count() == null || range.count() < 2 || range.count() > this.properties.maxTrials()) {
			throw new InvalidSweepException(at + ".count", "a grid over a range needs a count of points from 2 to "
					+ this.properties.maxTrials() + " (descent.sweeps.max-trials)");
		}
		return range.count();
	}

	/**
	 * A value a job would refuse for its field is refused here, with the job's reason.
	 */
	private void checkValue(JobRequest base, String field, Object value, String at) {
		JobRequest trial;
		try {
			trial = JobFields.apply(this.json, base, Map.of(field, value));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSweepException(at, ex.getMessage() + ", got " + value);
		}
		Map<String, String> problems = this.jobs.problems(trial, this.annotations);
		problems.forEach((path, message) -> {
			if (path.equals(field) || path.startsWith(field + "[")) {
				throw new InvalidSweepException(at, message + ", got " + value);
			}
		});
	}

	private void validateCounts(SweepRequest request) {
		int max = this.properties.maxTrials();
		if (request.maxTrials() != null && (request.maxTrials() < 1 || request.maxTrials() > max)) {
			throw new InvalidSweepException("maxTrials",
					"must be between 1 and " + max + " (descent.sweeps.max-trials), got " + request.maxTrials());
		}
		int parallel = this.properties.maxParallelTrials();
		if (request.parallelTrials() != null && (request.parallelTrials() < 1 || request.parallelTrials() > parallel)) {
			throw new InvalidSweepException("parallelTrials", "must be between 1 and " + parallel
					+ " (descent.sweeps.max-parallel-trials), got " + request.parallelTrials());
		}
		if (request.maxFailedTrials() != null && request.maxFailedTrials() < 0) {
			throw new InvalidSweepException("maxFailedTrials",
					"must not be negative, got " + request.maxFailedTrials());
		}
	}

	private void validateRest(SweepRequest request) {
		if (request.timeLimit() != null) {
			try {
				Duration limit = Duration.parse(request.timeLimit());
				if (limit.isNegative() || limit.isZero()) {
					throw new InvalidSweepException("timeLimit", "must be positive");
				}
			}
			catch (DateTimeParseException ex) {
				throw new InvalidSweepException("timeLimit", "must be an ISO-8601 duration such as PT30M");
			}
		}
		SweepRequest.MedianRule rule = request.earlyStopping();
		if (rule != null) {
			if (!"median".equals(rule.rule())) {
				throw new InvalidSweepException("earlyStopping.rule", "must be \"median\"");
			}
			if (rule.afterEpochs() == null || rule.afterEpochs() < 1) {
				throw new InvalidSweepException("earlyStopping.afterEpochs", "must be at least 1");
			}
		}
		if (request.promote() != null && !SafeNames.isValid(request.promote().alias())) {
			throw new InvalidSweepException("promote.alias", "must match " + SafeNames.RULE + " and not contain '..'");
		}
	}

}
