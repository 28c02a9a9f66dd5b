package dev.descent.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request field, parameter or part is missing, malformed or out of range: 400
 * problem+json of type {@link ProblemTypes#INVALID_REQUEST} whose detail names it, with
 * the field also under {@code errors[0]}. The features' own refusals extend this.
 */
public class InvalidRequestException extends ApiProblemException {

	/**
	 * @param field the field at fault, e.g. {@code pixels[17]} or {@code name}
	 * @param message the problem, naming the field; the detail and
	 * {@code errors[0].message}
	 */
	public InvalidRequestException(String field, String message) {
		this(field, message, message);
	}

	/**
	 * @param field the field at fault
	 * @param detail the problem as the detail states it
	 * @param fieldMessage the problem as {@code errors[0].message} states it
	 */
	public InvalidRequestException(String field, String detail, String fieldMessage) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail);
		getBody().setProperty("errors", List.of(Map.of("field", field, "message", fieldMessage)));
	}

}
