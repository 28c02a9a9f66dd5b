package dev.descent.predict;

/** A prediction request's field, index or pixel is missing or out of range. */
public class InvalidPredictRequestException extends RuntimeException {

	private final String field;

	/**
	 * @param field the field at fault, e.g. {@code pixels[17]} or {@code instances[2]}
	 * @param problem the problem in a sentence naming the field; the message
	 */
	public InvalidPredictRequestException(String field, String problem) {
		super(problem);
		this.field = field;
	}

	/**
	 * @return the field at fault
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
