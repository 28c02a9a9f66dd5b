package dev.descent.datasets;

/**
 * An upload or request that cannot be used, naming the part (file) or field and the
 * problem.
 */
public class InvalidDatasetException extends RuntimeException {

	private final String field;

	private final String problem;

	/**
	 * @param field the multipart part or request field at fault, e.g. "trainImages"
	 * @param problem what is wrong with it, e.g. "row 5: ..."; the message is
	 * {@code field + ": " + problem}
	 */
	public InvalidDatasetException(String field, String problem) {
		this(field, field + ": " + problem, problem);
	}

	private InvalidDatasetException(String field, String message, String problem) {
		super(message);
		this.field = field;
		this.problem = problem;
	}

	/**
	 * @param field the part or field at fault
	 * @param sentence the problem in a sentence that names the field itself, e.g.
	 * "testLabels is missing: ..."; both the message and {@link #problem()}
	 * @return the exception
	 */
	static InvalidDatasetException stating(String field, String sentence) {
		return new InvalidDatasetException(field, sentence, sentence);
	}

	/**
	 * @return the part or field at fault
	 */
	public String field() {
		return this.field;
	}

	/**
	 * @return what is wrong with the field, as a field error states it
	 */
	public String problem() {
		return this.problem;
	}

}
