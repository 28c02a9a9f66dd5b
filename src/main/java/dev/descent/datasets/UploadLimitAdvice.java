package dev.descent.datasets;

import dev.descent.web.ProblemTypes;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Problems of multipart bodies, which only {@code POST /datasets} accepts. They arise
 * before a handler is chosen, so a controller's own {@code @ExceptionHandler} never sees
 * them. Depends on no bean, so that every web slice test can load it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
		DataSize limit = (ex.getMaxUploadSize() > 0) ? DataSize.ofBytes(ex.getMaxUploadSize()) : null;
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(UploadTooLargeException.problem(limit));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> malformed(MultipartException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the body is not readable multipart/form-data");
		problem.setType(ProblemTypes.MALFORMED_BODY);
		problem.setTitle("Malformed body");
		return ResponseEntity.badRequest().body(problem);
	}

}
