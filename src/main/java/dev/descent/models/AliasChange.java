package dev.descent.models;

/**
 * A request to move an alias: where to, on which conditions, by whom and why.
 *
 * @param version the version the alias is to point at
 * @param conditions this move's own conditions, checked after the alias's policy; null
 * for none
 * @param by the API key's configured name, or {@link AliasMove#OPEN}
 * @param reason why, recorded in the history; may be null
 */
public record AliasChange(int version, AliasPolicy conditions, String by, String reason) {

	/** The longest reason recorded. */
	static final int MAX_REASON = 500;

	/** A move without conditions or reason. */
	public static AliasChange to(int version, String by) {
		return new AliasChange(version, null, by, null);
	}

	/**
	 * @throws InvalidModelRequestException for a reason that is too long or holds control
	 * characters, or conditions out of range
	 */
	AliasChange validated() {
		requireReason(this.reason);
		if (this.conditions != null) {
			this.conditions.validated();
		}
		return this;
	}

	/**
	 * @throws InvalidModelRequestException naming {@code reason}
	 */
	static String requireReason(String reason) {
		if (reason == null) {
			return null;
		}
		if (reason.length() > MAX_REASON) {
			throw new InvalidModelRequestException("reason",
					"reason must be at most " + MAX_REASON + " characters, got " + reason.length());
		}
		if (reason.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidModelRequestException("reason", "reason must not hold control characters");
		}
		return reason;
	}

}
