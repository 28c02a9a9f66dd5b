package dev.descent.models;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A model, version or alias does not exist: 404 naming what is missing. */
public class ModelNotFoundException extends ErrorResponseException {

	public ModelNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
		problem.setType(ProblemTypes.NOT_FOUND);
		problem.setTitle("Not found");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
