package dev.descent.models;

/**
 * What a version's tags may be: keys follow the rule of model names ({@link ModelNames});
 * values are 1 to 256 characters without control characters; a version has at most
 * {@value #MAX_TAGS}.
 */
final class Tags {

	/** The most tags one version may have. */
	static final int MAX_TAGS = 64;

	/** The longest value. */
	static final int MAX_VALUE = 256;

	private Tags() {
	}

	/**
	 * @throws InvalidModelRequestException naming {@code field}
	 */
	static String requireKey(String key, String field) {
		if (!ModelNames.isValid(key)) {
			throw new InvalidModelRequestException(field, "tag key must be 1-64 of a-z, 0-9, '.', '_', '-', "
					+ "starting with a letter or digit, got '" + ModelNames.printable(key) + "'");
		}
		return key;
	}

	/**
	 * @throws InvalidModelRequestException naming {@code field}
	 */
	static String requireValue(String value, String field) {
		if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
			throw new InvalidModelRequestException(field, "tag value must be 1-" + MAX_VALUE + " characters, got "
					+ ((value == null) ? "none" : value.length()));
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidModelRequestException(field, "tag value must not hold control characters");
		}
		return value;
	}

}
