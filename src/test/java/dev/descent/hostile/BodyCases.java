package dev.descent.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile bodies that no JSON endpoint may accept, whatever its fields: broken JSON, the
 * wrong shape, non-standard numbers, deep nesting, huge bodies, wrong content types.
 */
final class BodyCases {

	private BodyCases() {
	}

	/**
	 * @param bodyOptional whether the endpoint reads no body (and an empty one, or
	 * {@code null}) as "all defaults", as {@code POST /jobs} does
	 */
	static List<HostileCase> forEndpoint(String method, String path, boolean bodyOptional) {
		List<HostileCase> cases = new ArrayList<>();
		for (String body : malformed()) {
			if (!bodyOptional || !body.isEmpty()) {
				cases.add(HostileCase.json("malformed " + shorten(body), method, path, body));
			}
		}
		for (String body : wrongShape()) {
			if (bodyOptional && body.equals("null")) {
				continue;
			}
			cases.add(HostileCase.json("wrong shape " + shorten(body), method, path, body));
		}
		cases.add(HostileCase.json("nested arrays 10000 deep", method, path, "[".repeat(10_000) + "]".repeat(10_000)));
		cases.add(HostileCase.json("nested objects 10000 deep", method, path,
				"{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
		cases.add(HostileCase.json("nesting 10000 deep in a field", method, path,
				"{\"model\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
		cases.add(HostileCase.json("number of 5000 digits", method, path, "1" + "0".repeat(5000)));
		cases.add(HostileCase.json("string of 1M characters", method, path,
				"{\"model\":\"" + "a".repeat(1_000_000) + "\"}"));
		cases.add(HostileCase.json("10 MB of zeros in an array", method, path, tenMegabyteArray()));
		cases.add(HostileCase.json("10 MB of spaces", method, path, " ".repeat(10 * 1024 * 1024)));
		cases.add(HostileCase.bytes("random bytes", method, path, HostileCase.JSON, randomBytes(4096)));
		cases.add(HostileCase.bytes("invalid UTF-8", method, path, HostileCase.JSON,
				new byte[] { '{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }));
		cases.add(HostileCase.bytes("UTF-16 with BOM", method, path, HostileCase.JSON,
				"\uFEFF{\"model\":1}".getBytes(StandardCharsets.UTF_16)));
		String valid = "{\"version\":1,\"pixels\":[0.5]}";
		for (String type : wrongContentTypes()) {
			cases.add(HostileCase.bytes("content type " + type, method, path, type, bytes(valid)));
		}
		cases.add(HostileCase.bytes("no content type", method, path, null, bytes(valid)));
		if (!bodyOptional) {
			cases.add(HostileCase.noBody("no body at all", method, path));
		}
		return cases;
	}

	static List<String> malformed() {
		return List.of("", " ", "{", "}", "[", "]", "{\"a\":}", "{,}", "{\"a\" 1}", "nul", "tru", "{'a':1}", "{a:1}",
				"/* c */ {}", "{} {}", "{}x", "{\"a\":1,}", "[1,]", "\"unterminated", "{\"a\":\"\\u12\"}", "{\"a\":01}",
				"{\"a\":.5}", "{\"a\":1.}", "{\"a\":+1}", "{\"a\":0x10}", "NaN", "Infinity", "-Infinity", "{\"a\":NaN}",
				"{\"a\":Infinity}", "{\"a\":-Infinity}", "\u0000", "{\"a\":\"\u0001\"}");
	}

	static List<String> wrongShape() {
		return List.of("null", "true", "false", "0", "-1", "1e400", "\"text\"", "[]", "[{}]", "[null]", "[[]]",
				"{\"evil\":1}", "{\"__proto__\":{}}", "{\"@class\":\"java.lang.Runtime\"}");
	}

	static List<String> wrongContentTypes() {
		return List.of("text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data", "multipart/form-data; boundary=x", "application/octet-stream", "image/png",
				"application/json; charset=no-such-charset", "application/json; charset=UTF-32", "*/*", "json",
				"application/", ";;;");
	}

	private static String tenMegabyteArray() {
		StringBuilder json = new StringBuilder(10 * 1024 * 1024 + 32).append("{\"pixels\":[");
		while (json.length() < 10 * 1024 * 1024) {
			json.append("0,");
		}
		return json.append("0]}").toString();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String shorten(String body) {
		String printable = body.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 24) ? "'" + printable + "'" : "'" + printable.substring(0, 24) + "...'";
	}

}
