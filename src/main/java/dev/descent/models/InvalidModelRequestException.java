package dev.descent.models;

/** A model name, alias name or version number is malformed. */
public class InvalidModelRequestException extends RuntimeException {

	private final String field;

	/**
	 * @param field the field or path segment at fault, e.g. {@code version}
	 * @param problem the problem in a sentence naming the field; the message
	 */
	public InvalidModelRequestException(String field, String problem) {
		super(problem);
		this.field = field;
	}

	/**
	 * @return the field or path segment at fault
	 */
	public String field() {
		return this.field;
	}

	/**
	 * @return the problem in a sentence naming the field (the message)
	 */
	public String problem() {
		return getMessage();
	}

}
