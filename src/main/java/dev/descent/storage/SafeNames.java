package dev.descent.storage;

import java.util.regex.Pattern;

/**
 * The rule for names that are also directory names (models, aliases, data sets), strict
 * enough that no name can address a file outside its directory: lower-case letters,
 * digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters, never
 * "..". Also how user input is echoed safely in error messages.
 */
public final class SafeNames {

	/** The rule as error messages state it; {@link #PATTERN} also refuses "..". */
	public static final String RULE = "[a-z0-9][a-z0-9._-]{0,63}";

	/** The whole rule as a regular expression, a constant usable in {@code @Pattern}. */
	public static final String PATTERN = "(?!.*\\.\\.)" + RULE;

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private SafeNames() {
	}

	/**
	 * @return whether {@code name} follows the rule ({@code null} does not)
	 */
	public static boolean isValid(String name) {
		return name != null && COMPILED.matcher(name).matches();
	}

	/**
	 * @param field the request field that carried the name
	 * @param name the refused name, may be {@code null}
	 * @param max the most characters of it to echo
	 * @return e.g. {@code name must match [a-z0-9][a-z0-9._-]{0,63} without "..", got
	 * 'X'}
	 */
	public static String mismatch(String field, String name, int max) {
		return field + " must match " + RULE + " without \"..\", got "
				+ ((name == null) ? "nothing" : "'" + printable(name, max) + "'");
	}

	/**
	 * Echoes user input safely: control characters escaped, at most {@code max}
	 * characters (code points, so a surrogate pair is never split), "..." when cut.
	 */
	public static String printable(String text, int max) {
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(max).forEach((c) -> {
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return (text.codePointCount(0, text.length()) > max) ? out + "..." : out.toString();
	}

}
