package dev.descent.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One hostile request: method, path (sent exactly as written, %-escapes included),
 * Content-Type (null: none) and body bytes (null: no body).
 *
 * @param name what the case tries, shown in the test report
 * @param method the HTTP method
 * @param path the request target, not re-encoded
 * @param contentType the Content-Type header, or null for none
 * @param body the body bytes, or null for none
 */
record HostileCase(String name, String method, String path, String contentType, byte[] body) {

	static final String JSON = "application/json";

	static HostileCase json(String name, String method, String path, String body) {
		return new HostileCase(name, method, path, JSON, body.getBytes(StandardCharsets.UTF_8));
	}

	static HostileCase bytes(String name, String method, String path, String contentType, byte[] body) {
		return new HostileCase(name, method, path, contentType, body);
	}

	static HostileCase noBody(String name, String method, String path) {
		return new HostileCase(name, method, path, null, null);
	}

	@Override
	public String toString() {
		return this.method + " " + abbreviate(this.path, 60) + " " + this.name;
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "...(" + text.length() + ")";
	}

}
