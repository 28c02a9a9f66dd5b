package dev.descent.models;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** A model, version or alias does not exist: 404 naming what is missing. */
public class ModelNotFoundException extends ApiProblemException {

	public ModelNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
	}

}
