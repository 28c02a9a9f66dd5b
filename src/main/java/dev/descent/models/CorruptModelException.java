package dev.descent.models;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/**
 * A stored version failed its checksum, has the wrong shape or cannot be read; it is
 * never served. 409 Conflict rather than 422: the request is well-formed and names a
 * version that exists, but the version's stored state does not allow serving it (422
 * would blame the request's content). Other versions keep serving.
 */
public class CorruptModelException extends ApiProblemException {

	public CorruptModelException(String detail) {
		super(HttpStatus.CONFLICT, ProblemTypes.CORRUPT_MODEL, "Corrupt model version", detail);
	}

}
