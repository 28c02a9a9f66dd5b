package dev.descent.models;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A stored version failed its checksum, has the wrong shape or cannot be read; it is
 * never served. 409 Conflict rather than 422: the request is well-formed and names a
 * version that exists, but the version's stored state does not allow serving it (422
 * would blame the request's content). Other versions keep serving.
 */
public class CorruptModelException extends ErrorResponseException {

	public CorruptModelException(String detail) {
		super(HttpStatus.CONFLICT, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(ProblemTypes.CORRUPT_MODEL);
		problem.setTitle("Corrupt model version");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
