package dev.descent.datasets;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.descent.storage.SafeNames;

/**
 * Which data set names are allowed. A name is also a directory name, so no name can
 * address a file outside the data sets directory: lower-case letters, digits, '.', '_'
 * and '-', starting with a letter or digit, at most 64 characters, never "..".
 */
public final class DatasetNames {

	/** The built-in data set, served from the MNIST files. */
	public static final String MNIST = "mnist";

	/** The most characters of user input echoed in an error message. */
	private static final int ECHOED = 40;

	private static final SecureRandom RANDOM = new SecureRandom();

	private DatasetNames() {
	}

	/**
	 * @return whether {@code name} is a well-formed data set name
	 */
	public static boolean isValid(String name) {
		return SafeNames.isValid(name);
	}

	/**
	 * @param field the request field or part that carried the name
	 * @throws InvalidDatasetException when the name is malformed
	 */
	static String require(String name, String field) {
		if (!isValid(name)) {
			throw InvalidDatasetException.stating(field, SafeNames.mismatch(field, name, ECHOED));
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
		return SafeNames.printable(text, ECHOED);
	}

}
