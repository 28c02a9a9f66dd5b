package dev.descent.jobs;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/**
 * The job is in a state that does not allow the request (e.g. cancelling a finished job):
 * 409.
 */
public class JobConflictException extends ApiProblemException {

	public JobConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Job state conflict", detail);
	}

}
