package dev.descent.predict;

import java.util.List;
import java.util.Map;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A prediction request field is missing, malformed or out of range: 400 naming it. */
class InvalidPredictionException extends ErrorResponseException {

	InvalidPredictionException(String field, String message) {
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
