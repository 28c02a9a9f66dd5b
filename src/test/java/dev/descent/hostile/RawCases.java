package dev.descent.hostile;

import java.util.List;

/**
 * Requests {@link java.net.URI} cannot even express, written byte for byte on a socket:
 * invalid %-escapes, raw control characters, over-long request lines and headers,
 * contradictory framing.
 */
final class RawCases {

	private RawCases() {
	}

	/** Each a complete HTTP/1.1 request up to and including the blank line (and body). */
	static List<String> all() {
		String end = "Host: localhost\r\nConnection: close\r\n\r\n";
		return List.of("GET /models/%zz/versions HTTP/1.1\r\n" + end, "GET /models/%/versions HTTP/1.1\r\n" + end,
				"GET /models/a\u0000b/versions HTTP/1.1\r\n" + end, "GET /models/a\u0001b/versions HTTP/1.1\r\n" + end,
				"GET /models/a b/versions HTTP/1.1\r\n" + end, "GET /models/\u00e9/versions HTTP/1.1\r\n" + end,
				"GET /models/a\\..\\b/versions HTTP/1.1\r\n" + end, "GET /../../../etc/passwd HTTP/1.1\r\n" + end,
				"GET /jobs/" + "x".repeat(20_000) + " HTTP/1.1\r\n" + end,
				"GET /jobs HTTP/1.1\r\nX-Big: " + "x".repeat(20_000) + "\r\n" + end,
				"GET /jobs HTTP/1.1\r\nBad Header: x\r\n" + end,
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n" + end + "{}",
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: -5\r\n" + end + "{}",
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
						+ "Content-Length: 3\r\n" + end + "{} ",
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
						+ "Content-Length: 2\r\n" + end + "2\r\n{}\r\n0\r\n\r\n",
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + end
						+ "zz\r\n{}\r\n0\r\n\r\n");
	}

}
