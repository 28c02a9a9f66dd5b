package dev.descent.models;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The conditions a version must meet for an alias to move to it: given with one move
 * ({@code PUT /models/{name}/aliases/{alias}}), or stored as the alias's policy, which
 * then applies to every move, a sweep's promotion included. Each condition is optional.
 *
 * @param minAccuracy the lowest test accuracy the new version may have, in [0, 1]
 * @param mustBeatCurrent whether the new version's accuracy must be at least the current
 * version's plus {@code margin}
 * @param margin how much better than the current version it must be, in [0, 1]; only with
 * {@code mustBeatCurrent}; 0 when absent
 */
public record AliasPolicy(Double minAccuracy, Boolean mustBeatCurrent, Double margin) {

	/** No condition at all. */
	public static final AliasPolicy NONE = new AliasPolicy(null, null, null);

	/**
	 * @throws InvalidModelRequestException naming the field that is out of range, or
	 * {@code margin} without {@code mustBeatCurrent}
	 */
	public AliasPolicy validated() {
		requireFraction(this.minAccuracy, "minAccuracy");
		requireFraction(this.margin, "margin");
		if (this.margin != null && !mustBeat()) {
			throw new InvalidModelRequestException("margin", "margin applies only with mustBeatCurrent: true");
		}
		return this;
	}

	/** Whether the new version must beat the current one. */
	boolean mustBeat() {
		return Boolean.TRUE.equals(this.mustBeatCurrent);
	}

	/** The margin, 0 when absent. */
	double marginOrZero() {
		return (this.margin != null) ? this.margin : 0.0;
	}

	/**
	 * Whether this policy sets no condition. Not a property of the JSON (and ignored in
	 * it, so a file written before still reads).
	 */
	@JsonIgnore
	public boolean isEmpty() {
		return this.minAccuracy == null && !mustBeat();
	}

	private static void requireFraction(Double value, String field) {
		if (value != null && !(value >= 0.0 && value <= 1.0)) {
			throw new InvalidModelRequestException(field, field + " must be a number in [0, 1], got " + value);
		}
	}

}
