package dev.descent.jobs;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** No job has this id: 404. */
public class JobNotFoundException extends ApiProblemException {

	public JobNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Job not found", "no job has id '" + id + "'");
	}

}
