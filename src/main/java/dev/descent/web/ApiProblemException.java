package dev.descent.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the service answers as problem+json with a stable type, a title and a detail
 * that names what is at fault; the features' not-found and conflict exceptions extend it.
 */
public class ApiProblemException extends ErrorResponseException {

	public ApiProblemException(HttpStatus status, URI type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
