package dev.descent.models;

import java.util.List;
import java.util.Map;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A model name, alias name or version number is malformed: 400 naming the field. */
public class InvalidModelRequestException extends ErrorResponseException {

	public InvalidModelRequestException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
