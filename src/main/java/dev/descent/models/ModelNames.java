package dev.descent.models;

import dev.descent.storage.SafeNames;

/**
 * Which model and alias names are allowed. A name is also a directory name, so the rule
 * is strict enough that no name can address a file outside the repository: lower-case
 * letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64
 * characters, never "..".
 */
public final class ModelNames {

	/** The most characters of user input echoed in an error message. */
	private static final int ECHOED = 80;

	private ModelNames() {
	}

	/**
	 * @return whether {@code name} is a valid model or alias name
	 */
	public static boolean isValid(String name) {
		return SafeNames.isValid(name);
	}

	/**
	 * @param field the request field that carried the name, named in the error
	 * @throws InvalidModelRequestException when the name is not valid
	 */
	public static String require(String name, String field) {
		if (!isValid(name)) {
			throw new InvalidModelRequestException(field, SafeNames.mismatch(field, name, ECHOED));
		}
		return name;
	}

	/**
	 * @return a version number from a path segment
	 * @throws InvalidModelRequestException unless it is an integer ≥ 1
	 */
	public static int parseVersion(String text) {
		try {
			int version = Integer.parseInt(text);
			if (version >= 1) {
				return version;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidModelRequestException("version",
				"version must be an integer >= 1, got '" + printable(text) + "'");
	}

	/** Echoes user input safely: control characters escaped, at most 80 characters. */
	static String printable(String text) {
		return SafeNames.printable(text, ECHOED);
	}

}
