package dev.descent.datasets;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * The upload's parts together exceed {@code descent.datasets.max-upload-size}: 413,
 * worded like the container's own refusal (see {@code ApiExceptionHandler}).
 */
public class UploadTooLargeException extends ErrorResponseException {

	public UploadTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
	}

	private static ProblemDetail problem(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"the upload is larger than the maximum of " + limit.toBytes() + " bytes");
		problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
		problem.setTitle("Payload Too Large");
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
