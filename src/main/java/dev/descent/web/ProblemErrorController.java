package dev.descent.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page (JSON with the path, or HTML) for errors that reach
 * the servlet container's error dispatch instead of an exception handler: a filter's
 * {@code sendError}, an exception thrown outside Spring MVC. Answers problem+json with
 * the status only, nothing from the request or the exception.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final ProblemWriter problems;

	ProblemErrorController(JsonMapper json) {
		this.problems = new ProblemWriter(json);
	}

	@RequestMapping("${server.error.path:/error}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
		if (status == HttpStatus.NOT_FOUND) {
			this.problems.write(response, status, ProblemTypes.NOT_FOUND, "There is nothing at this address.");
		}
		else if (status == HttpStatus.PAYLOAD_TOO_LARGE) {
			this.problems.write(response, status, ProblemTypes.PAYLOAD_TOO_LARGE,
					"The request is larger than allowed.");
		}
		else if (status.is4xxClientError()) {
			this.problems.write(response, status, ProblemTypes.INVALID_REQUEST, "The request could not be accepted.");
		}
		else {
			this.problems.write(response, status, ProblemTypes.INTERNAL, "The service could not answer this request.");
		}
	}

	private static HttpStatus status(Object code) {
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
