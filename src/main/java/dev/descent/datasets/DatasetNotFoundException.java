package dev.descent.datasets;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No data set has this name: 404. */
public class DatasetNotFoundException extends ErrorResponseException {

	public DatasetNotFoundException(String name) {
		super(HttpStatus.NOT_FOUND, problem(name), null);
	}

	private static ProblemDetail problem(String name) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"data set '" + DatasetNames.printable(name) + "' does not exist");
		problem.setType(ProblemTypes.NOT_FOUND);
		problem.setTitle("Not found");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
