package dev.descent.datasets;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** The name is taken, or the data set is built in or in use: 409. */
public class DatasetConflictException extends ApiProblemException {

	public DatasetConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
	}

}
