package dev.descent.models;

/**
 * An alias was not moved because the new version does not meet a condition: a
 * {@code minAccuracy}, or {@code mustBeatCurrent} with its margin. Carries both versions'
 * accuracies so that a client can show why.
 */
public class PromotionRefusedException extends RuntimeException {

	/** Which condition refused the move. */
	public enum Condition {

		/** The new version's accuracy is below {@code minAccuracy}. */
		MIN_ACCURACY,

		/** The new version's accuracy is below the current one's plus the margin. */
		MUST_BEAT_CURRENT

	}

	private final String name;

	private final String alias;

	private final int version;

	private final Double accuracy;

	private final Integer currentVersion;

	private final Double currentAccuracy;

	private final double requiredAccuracy;

	private final Condition condition;

	private final boolean byPolicy;

	/**
	 * @param version the version the alias was to move to
	 * @param accuracy its accuracy, null when it has none
	 * @param currentVersion where the alias points, null when it does not exist
	 * @param currentAccuracy that version's accuracy, null when there is none
	 * @param requiredAccuracy the least accuracy the condition asked for
	 * @param byPolicy whether the condition is the alias's stored policy (else the
	 * request's)
	 */
	public PromotionRefusedException(String name, String alias, int version, Double accuracy, Integer currentVersion,
			Double currentAccuracy, double requiredAccuracy, Condition condition, boolean byPolicy) {
		super(message(name, alias, version, accuracy, currentVersion, requiredAccuracy, condition, byPolicy));
		this.name = name;
		this.alias = alias;
		this.version = version;
		this.accuracy = accuracy;
		this.currentVersion = currentVersion;
		this.currentAccuracy = currentAccuracy;
		this.requiredAccuracy = requiredAccuracy;
		this.condition = condition;
		this.byPolicy = byPolicy;
	}

	private static String message(String name, String alias, int version, Double accuracy, Integer currentVersion,
			double required, Condition condition, boolean byPolicy) {
		String has = (accuracy != null) ? "has accuracy " + accuracy : "has no accuracy";
		String needs = switch (condition) {
			case MIN_ACCURACY -> "minAccuracy is " + required;
			case MUST_BEAT_CURRENT -> "it must reach " + required + " to beat version " + currentVersion;
		};
		return "alias '" + alias + "' of model " + name + " was not moved: version " + version + " " + has + ", and "
				+ needs + " (" + (byPolicy ? "the alias's policy" : "the request") + ")";
	}

	public String name() {
		return this.name;
	}

	public String alias() {
		return this.alias;
	}

	public int version() {
		return this.version;
	}

	/**
	 * @return the refused version's accuracy, null when it has none
	 */
	public Double accuracy() {
		return this.accuracy;
	}

	/**
	 * @return where the alias points, null when it does not exist
	 */
	public Integer currentVersion() {
		return this.currentVersion;
	}

	/**
	 * @return the current version's accuracy, null when there is none
	 */
	public Double currentAccuracy() {
		return this.currentAccuracy;
	}

	/**
	 * @return the least accuracy the refusing condition asked for
	 */
	public double requiredAccuracy() {
		return this.requiredAccuracy;
	}

	public Condition condition() {
		return this.condition;
	}

	/**
	 * @return whether the alias's stored policy refused it, rather than the request
	 */
	public boolean byPolicy() {
		return this.byPolicy;
	}

}
