package dev.descent.datasets;

import java.util.List;
import java.util.Map;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload or request that cannot be used: 400 whose detail names the part (file) or
 * field and the problem, also under {@code errors[0]}.
 */
public class InvalidDatasetException extends ErrorResponseException {

	/**
	 * @param field the multipart part or request field at fault, e.g. "trainImages"
	 * @param message the problem, naming the part, e.g. "train: row 5: ..."; under
	 * {@code errors[0].message} without the "part: " prefix, like the other field errors
	 */
	public InvalidDatasetException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		String bare = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
		problem.setProperty("errors", List.of(Map.of("field", field, "message", bare)));
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
