package dev.descent.models;

/**
 * The request conflicts with the repository's state, e.g. deleting an aliased version.
 */
public class ModelConflictException extends RuntimeException {

	private final String name;

	/**
	 * @param name the model
	 * @param detail why the request conflicts, naming the model; the message
	 */
	public ModelConflictException(String name, String detail) {
		super(detail);
		this.name = name;
	}

	/**
	 * @return the model the request conflicts on
	 */
	public String name() {
		return this.name;
	}

}
