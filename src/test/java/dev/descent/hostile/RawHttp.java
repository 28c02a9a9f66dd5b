package dev.descent.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a request byte for byte on a socket and reads the whole answer (Connection:
 * close).
 */
final class RawHttp {

	private RawHttp() {
	}

	static Response send(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return parse(socket.getInputStream().readAllBytes());
		}
	}

	private static Response parse(byte[] bytes) throws IOException {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int split = text.indexOf("\r\n\r\n");
		if (split < 0) {
			throw new IOException("no complete answer: '" + text + "'");
		}
		String head = text.substring(0, split);
		String body = text.substring(split + 4);
		if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = dechunk(body);
		}
		return new Response(head, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
	}

	private static String dechunk(String chunked) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return out.toString(StandardCharsets.ISO_8859_1);
			}
			out.write(chunked.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
			at = lineEnd + 2 + size + 2;
		}
	}

	record Response(String head, String body) {

		int status() {
			return Integer.parseInt(this.head.substring(9, 12));
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
					return line.substring(name.length() + 1).trim();
				}
			}
			return "";
		}

	}

}
