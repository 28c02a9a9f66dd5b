package dev.descent.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths of the Open Inference Protocol ({@code dev.descent.oip}), {@code /v2} and
 * below, whose errors are the protocol's {@code {"error": "..."}} rather than
 * problem+json, also when they happen before Spring MVC (API keys, body limits, the
 * firewall, Tomcat's own refusals).
 */
final class OpenInferencePaths {

	private static final String ROOT = "/v2";

	private OpenInferencePaths() {
	}

	/**
	 * @param path a path within the application, as requested (not decoded), or null
	 */
	static boolean matches(String path) {
		return path != null && path.startsWith(ROOT) && (path.length() == ROOT.length()
				|| path.charAt(ROOT.length()) == '/' || path.charAt(ROOT.length()) == ';');
	}

	static boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		if (uri != null && context != null && !context.isEmpty() && uri.startsWith(context)) {
			uri = uri.substring(context.length());
		}
		return matches(uri);
	}

}
