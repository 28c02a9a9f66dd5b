package dev.descent.datasets;

import dev.descent.web.InvalidRequestException;

/**
 * An upload or request that cannot be used: 400 whose detail names the part (file) or
 * field and the problem, also under {@code errors[0]}.
 */
public class InvalidDatasetException extends InvalidRequestException {

	/**
	 * @param field the multipart part or request field at fault, e.g. "trainImages"
	 * @param message the problem, naming the part, e.g. "train: row 5: ..."; under
	 * {@code errors[0].message} without the "part: " prefix, like the other field errors
	 */
	public InvalidDatasetException(String field, String message) {
		super(field, message, message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message);
	}

}
