package dev.descent.datasets;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The name is taken, or the data set is built in or in use: 409. */
public class DatasetConflictException extends ErrorResponseException {

	public DatasetConflictException(String detail) {
		super(HttpStatus.CONFLICT, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(ProblemTypes.CONFLICT);
		problem.setTitle("Conflict");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
