package dev.descent.jobs;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No job has this id: 404. */
public class JobNotFoundException extends ErrorResponseException {

	public JobNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no job has id '" + id + "'");
		problem.setType(ProblemTypes.NOT_FOUND);
		problem.setTitle("Job not found");
		return problem;
	}

}
