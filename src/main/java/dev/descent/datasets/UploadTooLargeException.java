package dev.descent.datasets;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.util.unit.DataSize;

/** The upload's parts together exceed {@code descent.datasets.max-upload-size}: 413. */
public class UploadTooLargeException extends ErrorResponseException {

	public UploadTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
	}

	/**
	 * @return the problem for a body over {@code limit} (null when unknown)
	 */
	static ProblemDetail problem(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"the upload is larger than the " + ((limit != null) ? format(limit) + " " : "") + "allowed");
		problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
		problem.setTitle("Payload too large");
		return problem;
	}

	private static String format(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		return (bytes % 1024 == 0) ? size.toKilobytes() + " KB" : bytes + " bytes";
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
