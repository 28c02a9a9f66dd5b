package dev.descent.models;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/**
 * The request conflicts with the repository's state, e.g. deleting an aliased version.
 */
public class ModelConflictException extends ApiProblemException {

	public ModelConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
	}

}
