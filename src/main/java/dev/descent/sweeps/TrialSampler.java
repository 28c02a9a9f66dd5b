package dev.descent.sweeps;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws every trial's parameters when a sweep is created, from its effective request
 * alone: the same request and seed give the same trials. Fields are taken in name order;
 * a random draw picks one of a field's values with equal chances, or a point of its range
 * uniformly on its scale (rounded to 4 significant digits, or to a whole number for a
 * whole-number field); a grid takes every combination, the last field varying fastest,
 * with a range as {@code count} evenly spaced points. Each trial's seed is the base's
 * when it sets one (trials then differ only in their parameters), else drawn from the
 * sweep's seed after the parameters.
 */
final class TrialSampler {

	private TrialSampler() {
	}

	/**
	 * @param request an effective, validated request
	 * @return its trials, PENDING, numbered from 1
	 */
	static List<Sweep.Trial> trials(SweepRequest request) {
		SplittableRandom random = new SplittableRandom(request.seed());
		Map<String, SweepRequest.Range> space = new TreeMap<>(request.space());
		List<Map<String, Object>> drawn = SweepRequest.GRID.equals(request.algorithm()) ? grid(space)
				: random(space, request.maxTrials(), random);
		List<Sweep.Trial> trials = new ArrayList<>();
		for (int i = 0; i < Math.min(drawn.size(), request.maxTrials()); i++) {
			long seed = (request.base().seed() != null) ? request.base().seed() : random.nextLong();
			trials.add(new Sweep.Trial(i + 1, drawn.get(i), seed, null, TrialState.PENDING, null, 0));
		}
		return trials;
	}

	private static List<Map<String, Object>> random(Map<String, SweepRequest.Range> space, int count,
			SplittableRandom random) {
		List<Map<String, Object>> trials = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			space.forEach((field, range) -> parameters.put(field, draw(field, range, random)));
			trials.add(parameters);
		}
		return trials;
	}

	private static Object draw(String field, SweepRequest.Range range, SplittableRandom random) {
		if (!range.isRange()) {
			return range.values().get(random.nextInt(range.values().size()));
		}
		return point(field, range, random.nextDouble());
	}

	/**
	 * @param u where in the range, from 0 (min) to 1 (max), on the range's scale
	 */
	private static Object point(String field, SweepRequest.Range range, double u) {
		double value;
		if (range.isLog()) {
			double low = Math.log(range.min());
			value = Math.exp(low + u * (Math.log(range.max()) - low));
		}
		else {
			value = range.min() + u * (range.max() - range.min());
		}
		value = Math.min(range.max(), Math.max(range.min(), value));
		if (!JobFields.isWhole(field)) {
			value = new BigDecimal(value).round(new MathContext(4)).doubleValue();
		}
		return typed(field, value);
	}

	/**
	 * @return {@code value} as the field's type takes it: rounded to a whole number for a
	 * whole-number field
	 */
	static Object typed(String field, double value) {
		if (!JobFields.isWhole(field)) {
			return value;
		}
		long whole = Math.round(value);
		return (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) ? (Object) (int) whole : (Object) whole;
	}

	private static List<Map<String, Object>> grid(Map<String, SweepRequest.Range> space) {
		List<Map<String, Object>> trials = new ArrayList<>();
		trials.add(new LinkedHashMap<>());
		space.forEach((field, range) -> {
			List<Object> points = points(field, range);
			List<Map<String, Object>> next = new ArrayList<>();
			for (Map<String, Object> partial : trials) {
				for (Object point : points) {
					Map<String, Object> parameters = new LinkedHashMap<>(partial);
					parameters.put(field, point);
					next.add(parameters);
				}
			}
			trials.clear();
			trials.addAll(next);
		});
		return trials;
	}

	private static List<Object> points(String field, SweepRequest.Range range) {
		if (!range.isRange()) {
			return range.values();
		}
		List<Object> points = new ArrayList<>();
		for (int j = 0; j < range.count(); j++) {
			points.add(point(field, range, (double) j / (range.count() - 1)));
		}
		return points;
	}

}
