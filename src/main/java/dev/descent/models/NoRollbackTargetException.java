package dev.descent.models;

/**
 * An alias cannot be rolled back: its history holds no earlier version that still exists
 * and is not corrupt.
 */
public class NoRollbackTargetException extends RuntimeException {

	private final String name;

	private final String alias;

	private final int currentVersion;

	/**
	 * @param detail why, naming the alias and the versions skipped; the message
	 */
	public NoRollbackTargetException(String name, String alias, int currentVersion, String detail) {
		super(detail);
		this.name = name;
		this.alias = alias;
		this.currentVersion = currentVersion;
	}

	public String name() {
		return this.name;
	}

	public String alias() {
		return this.alias;
	}

	/**
	 * @return where the alias points, and stays
	 */
	public int currentVersion() {
		return this.currentVersion;
	}

}
