package dev.descent.jobs;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The job is in a state that does not allow the request (e.g. cancelling a finished job):
 * 409.
 */
public class JobConflictException extends ErrorResponseException {

	public JobConflictException(String detail) {
		super(HttpStatus.CONFLICT, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(ProblemTypes.CONFLICT);
		problem.setTitle("Job state conflict");
		return problem;
	}

}
