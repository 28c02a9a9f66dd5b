package dev.descent.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page and JSON for errors that never reach a controller (a filter
 * failing, a container error): problem+json with a type and a generic detail, and never a
 * trace, exception, message or path. Under {@code /v2} the same detail is the Open
 * Inference Protocol's {@code {"error": detail}}.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<?> error(HttpServletRequest request) {
		HttpStatusCode status = status(request);
		String detail = status.is5xxServerError() ? "an unexpected error occurred; it has been logged"
				: Problems.titleFor(status).toLowerCase();
		if (OpenInferencePaths.matches((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", detail));
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(status, detail));
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value && value >= 400 && value < 600) {
			return HttpStatusCode.valueOf(value);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
