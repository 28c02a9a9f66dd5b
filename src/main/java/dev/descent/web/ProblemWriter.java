package dev.descent.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 problem+json body straight to the servlet response, for the errors
 * that happen before Spring MVC sees the request (authentication, body size). The
 * {@code detail} is always a fixed text: nothing from the request (a key, a path) is
 * echoed, not even as {@code instance}. The title is {@link Problems#titleFor}, as on
 * every other problem of the same status. Under {@code /v2} (the Open Inference Protocol)
 * the same detail is written as that protocol's {@code {"error": detail}}.
 */
final class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type, String detail)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		boolean openInference = OpenInferencePaths.matches(request);
		Map<String, Object> body = new LinkedHashMap<>();
		if (openInference) {
			body.put("error", detail);
		}
		else {
			body.put("type", type.toString());
			body.put("title", Problems.titleFor(status));
			body.put("status", status.value());
			body.put("detail", detail);
		}
		response.setStatus(status.value());
		response.setContentType(
				openInference ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), body);
		response.flushBuffer();
	}

}
