package dev.descent.datasets;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which data set names are allowed. A name is also a directory name, so no name can
 * address a file outside the data sets directory: lower-case letters, digits, '.', '_'
 * and '-', starting with a letter or digit, at most 64 characters, never "..".
 */
public final class DatasetNames {

	/** The built-in data set, served from the MNIST files. */
	public static final String MNIST = "mnist";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private DatasetNames() {
	}

	/**
	 * @return whether {@code name} is a well-formed data set name
	 */
	public static boolean isValid(String name) {
		return name != null && NAME.matcher(name).matches() && !name.contains("..");
	}

	/**
	 * @param field the request field or part that carried the name
	 * @throws InvalidDatasetException when the name is malformed
	 */
	static String require(String name, String field) {
		if (!isValid(name)) {
			throw InvalidDatasetException.stating(field,
					field + " must match [a-z0-9][a-z0-9._-]{0,63} without \"..\", got '" + printable(name) + "'");
		}
		return name;
	}

	/**
	 * @return a fresh name of the form {@code ds-1a2b3c4d}
	 */
	static String generate() {
		byte[] bytes = new byte[4];
		RANDOM.nextBytes(bytes);
		return "ds-" + HexFormat.of().formatHex(bytes);
	}

	/** Echoes user input safely: control characters escaped, at most 40 characters. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(40).forEach((c) -> {
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return (text.codePointCount(0, text.length()) > 40) ? out + "..." : out.toString();
	}

}
