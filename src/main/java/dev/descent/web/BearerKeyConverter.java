package dev.descent.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <key>} (scheme case-insensitive, RFC 6750). No
 * header, or another scheme, answers {@code null}: the request goes on anonymous and the
 * authorization rules decide. An empty key is still a key, and a wrong one.
 */
final class BearerKeyConverter implements AuthenticationConverter {

	private static final String SCHEME = "Bearer";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		String rest = header.substring(SCHEME.length());
		if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
			return null;
		}
		return ApiKeyAuthentication.unauthenticated(rest.strip());
	}

}
