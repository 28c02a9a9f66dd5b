package dev.descent.models;

/**
 * A stored version failed its checksum, has the wrong shape or cannot be read; it is
 * never served, while other versions keep serving. descent's API answers 409 Conflict
 * rather than 422: the request is well-formed and names a version that exists, but the
 * version's stored state does not allow serving it (422 would blame the request).
 */
public class CorruptModelException extends RuntimeException {

	private final String name;

	private final int version;

	/**
	 * @param name the model
	 * @param version the corrupt version
	 * @param detail what is wrong, naming the version; the message
	 */
	public CorruptModelException(String name, int version, String detail) {
		super(detail);
		this.name = name;
		this.version = version;
	}

	/**
	 * @return the model's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the corrupt version
	 */
	public int version() {
		return this.version;
	}

}
