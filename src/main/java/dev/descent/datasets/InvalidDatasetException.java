package dev.descent.datasets;

import dev.descent.web.InvalidRequestException;

/**
 * An upload or request that cannot be used: 400 whose detail names the part (file) or
 * field and the problem, also under {@code errors[0]}.
 */
public class InvalidDatasetException extends InvalidRequestException {

	/**
	 * @param field the multipart part or request field at fault, e.g. "trainImages"
	 * @param problem what is wrong with it, e.g. "row 5: ..."; the detail is
	 * {@code field + ": " + problem} and {@code errors[0].message} the problem alone,
	 * like the other field errors
	 */
	public InvalidDatasetException(String field, String problem) {
		super(field, field + ": " + problem, problem);
	}

	private InvalidDatasetException(String field, String detail, String fieldMessage) {
		super(field, detail, fieldMessage);
	}

	/**
	 * @param field the part or field at fault
	 * @param sentence the problem in a sentence that names the field itself, e.g.
	 * "testLabels is missing: ..."; both the detail and {@code errors[0].message}
	 * @return the exception
	 */
	static InvalidDatasetException stating(String field, String sentence) {
		return new InvalidDatasetException(field, sentence, sentence);
	}

}
