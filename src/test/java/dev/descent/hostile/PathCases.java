package dev.descent.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile path segments and query parameters for every endpoint that takes them: path
 * traversal in names (plain, %-encoded, double-encoded, absolute, NUL), over-long and
 * unicode names, bad ids, versions and indexes.
 */
final class PathCases {

	/** Model, alias and data set names that must never address anything. */
	static final List<String> NAMES = List.of("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2F..%2Fetc",
			"%2Fetc%2Fpasswd", "%2F", "%5C..%5C..", "..%5Cx", "%00", "a%00b", "mnist%00", "%252e%252e", "%25",
			"a".repeat(65), "a".repeat(5000), "%C3%A9", "%E2%80%AEmnist", "%F0%9F%92%A9", "A", "-x", ".x", "%20", "%0A",
			"%0D%0Aevil", "a;b", "a%3Bb", "~root", "*", "mnist%2F..%2F..", "%c0%ae%c0%ae", "..%c0%af",
			"%ef%bc%8e%ef%bc%8e", "con", "nosuchmodel");

	/**
	 * Names that are well-formed: reading them is a 404, but an alias by that name could
	 * be set.
	 */
	static final List<String> VALID_BUT_ABSENT = List.of("con", "nosuchmodel");

	static final List<String> VERSIONS = List.of("0", "-1", "abc", "1.5", "1e400", "99999999999999999999", "%00",
			"1%00", "NaN", "Infinity", "0x10", "%201", "1%20", "999", "..", "%2e%2e");

	static final List<String> JOB_IDS = List.of("..", "%2e%2e", "x".repeat(300), "%00", "a%3Bb", "-", "j-nope", "%2F",
			"%C3%A9", "*", "%20");

	/**
	 * Bad test image indexes. Not here: "0x1" and " 1", which Spring's number conversion
	 * reads as 1 (hex, trimmed), harmlessly.
	 */
	static final List<String> INDEXES = List.of("-1", "10000", "60000", "abc", "1e400", "99999999999999999999", "NaN",
			"%00", "1.5", "..", "%2B1%2B");

	private PathCases() {
	}

	static List<HostileCase> all() {
		List<HostileCase> cases = new ArrayList<>();
		for (String name : NAMES) {
			cases.add(get("/models/" + name + "/versions"));
			cases.add(get("/models/" + name + "/versions/1"));
			cases.add(HostileCase.noBody("name", "DELETE", "/models/" + name + "/versions/1"));
			cases.add(HostileCase.json("name", "PUT", "/models/" + name + "/aliases/staging", "{\"version\":1}"));
			if (!VALID_BUT_ABSENT.contains(name)) {
				cases.add(HostileCase.json("alias", "PUT", "/models/mnist/aliases/" + name, "{\"version\":1}"));
			}
			cases.add(HostileCase.noBody("alias", "DELETE", "/models/mnist/aliases/" + name));
			cases.add(get("/datasets/" + name));
			cases.add(HostileCase.noBody("data set", "DELETE", "/datasets/" + name));
		}
		for (String version : VERSIONS) {
			cases.add(get("/models/mnist/versions/" + version));
			cases.add(HostileCase.noBody("version", "DELETE", "/models/mnist/versions/" + version));
		}
		for (String id : JOB_IDS) {
			cases.add(get("/jobs/" + id));
			cases.add(HostileCase.noBody("job id", "DELETE", "/jobs/" + id));
		}
		for (String index : INDEXES) {
			cases.add(get("/datasets/mnist/test/" + index));
		}
		// not here: "state=" and "state=%00" (Spring trims them to no filter) and
		// "page=1&page=x" (the first value counts)
		// not here: "state=" and "state=%00" (Spring trims them to no filter) and
		// "page=1&page=x" (the first value counts)
		for (String query : List.of("state=BOGUS", "state=running%00", "page=-1", "page=abc", "size=0", "size=-1",
				"size=1000000000", "size=1e400", "page=99999999999999999999", "size=NaN", "page=%00")) {
			cases.add(get("/jobs?" + query));
		}
		cases.addAll(methods());
		return cases;
	}

	/** Methods no endpoint has. */
	static List<HostileCase> methods() {
		return List.of(HostileCase.noBody("method", "PATCH", "/jobs"), HostileCase.noBody("method", "PUT", "/predict"),
				HostileCase.noBody("method", "DELETE", "/models"), HostileCase.noBody("method", "GET", "/predict"),
				HostileCase.noBody("method", "POST", "/models/mnist/versions/1"),
				HostileCase.noBody("method", "TRACE", "/jobs"), HostileCase.noBody("method", "FOO", "/jobs"));
	}

	private static HostileCase get(String path) {
		return HostileCase.noBody("path", "GET", path);
	}

}
