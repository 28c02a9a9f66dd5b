package dev.descent.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or wrong key with 401 and a read-only key on a write with 403, both
 * as problem+json with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750).
 */
final class ProblemAuthenticationHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ProblemWriter problems;

	ProblemAuthenticationHandler(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		boolean wrongKey = ex instanceof BadCredentialsException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				wrongKey ? "Bearer realm=\"descent\", error=\"invalid_token\"" : "Bearer realm=\"descent\"");
		String detail = wrongKey ? "The API key is not valid."
				: "This call needs an API key: send the header 'Authorization: Bearer <key>'.";
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"descent\", error=\"insufficient_scope\"");
		this.problems.write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
				"This API key may only read; this call changes state and needs a full-access key.");
	}

}
