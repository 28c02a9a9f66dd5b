package dev.descent.models;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request conflicts with the repository's state, e.g. deleting an aliased version.
 */
public class ModelConflictException extends ErrorResponseException {

	public ModelConflictException(String detail) {
		super(HttpStatus.CONFLICT, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(ProblemTypes.CONFLICT);
		problem.setTitle("Conflict");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
