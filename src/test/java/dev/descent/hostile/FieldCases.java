package dev.descent.hostile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Valid bodies with one field replaced by a value that field must refuse: the wrong type,
 * null where null means nothing, numbers too big or too small for it, NaN and Infinity as
 * strings and as bare tokens, and very long arrays.
 */
final class FieldCases {

	/** Refused by any integer field. */
	static final List<String> NOT_INTEGERS = List.of("\"abc\"", "{}", "[]", "true", "1.5", "1e400", "-1e400",
			"4.9e-324", "-4.9e-324", "\"NaN\"", "NaN", "Infinity", "-Infinity", "\"Infinity\"",
			"99999999999999999999999", "-99999999999999999999999", "-1", "\"\"", "1" + "0".repeat(2000));

	/** Refused by any field that must be a positive finite number. */
	static final List<String> NOT_POSITIVE_FINITE = List.of("\"abc\"", "{}", "[]", "true", "1e400", "-1e400",
			"-4.9e-324", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "-Infinity", "-1", "0",
			"1" + "0".repeat(2000), "\"\"");

	/** Refused by any name field (model, alias, data set). */
	static final List<String> NOT_NAMES = List.of("\"../etc\"", "\"/etc/passwd\"", "\"..\"", "\"a/b\"", "\"a\\\\b\"",
			"\"" + "a".repeat(65) + "\"", "\"" + "a".repeat(100_000) + "\"", "\"\"", "\"A\"", "\".hidden\"", "\"-x\"",
			"\"a\\u0000b\"", "\"\u00e9\"", "\"\u202emnist\"", "\"mnist/../x\"", "\"%2e%2e\"", "{}", "[]", "true");

	/** Refused by any enumerated setting (cost, activation, init, optimizer). */
	static final List<String> NOT_CHOICES = List.of("\"\"", "\"nope\"", "\"../x\"", "\"sigmoid\\u0000\"",
			"\"\u0455igmoid\"", "5", "{}", "[]", "true", "\"" + "x".repeat(100_000) + "\"");

	private FieldCases() {
	}

	/** POST /jobs: one bad field at a time in an otherwise small, valid job. */
	static List<HostileCase> jobs() {
		String valid = "{\"model\":\"hostile\",\"layers\":[784,10,10],\"epochs\":1,\"trainingLimit\":100%s}";
		List<HostileCase> cases = new ArrayList<>();
		for (String field : List.of("epochs", "batchSize", "trainingLimit", "earlyStopping")) {
			NOT_INTEGERS.stream()
				.filter((value) -> !field.equals("earlyStopping") || !value.equals("4.9e-324"))
				.forEach((value) -> cases.add(field("/jobs", valid, field, value)));
		}
		// just over the limits: descent.jobs.max-epochs, the training set's size
		cases.add(field("/jobs", valid, "epochs", "1001"));
		cases.add(field("/jobs", valid, "batchSize", "60001"));
		cases.add(field("/jobs", valid, "trainingLimit", "60001"));
		String adam = valid.replace("\"epochs\":1", "\"epochs\":1,\"optimizer\":\"adam\"");
		String momentum = valid.replace("\"epochs\":1", "\"epochs\":1,\"optimizer\":\"momentum\"");
		NOT_POSITIVE_FINITE.forEach((value) -> cases.add(field("/jobs", valid, "learningRate", value)));
		NOT_POSITIVE_FINITE.forEach((value) -> cases.add(field("/jobs", adam, "epsilon", value)));
		List<String> notFractions = List.of("\"abc\"", "1e400", "-1e400", "\"NaN\"", "NaN", "Infinity", "-Infinity",
				"-1", "{}");
		notFractions.forEach((value) -> cases.add(field("/jobs", valid, "l2", value)));
		notFractions.forEach((value) -> cases.add(field("/jobs", momentum, "momentum", value)));
		notFractions.forEach((value) -> cases.add(field("/jobs", adam, "beta1", value)));
		notFractions.forEach((value) -> cases.add(field("/jobs", adam, "beta2", value)));
		for (String field : List.of("cost", "hiddenActivation", "outputActivation", "init", "optimizer")) {
			NOT_CHOICES.forEach((value) -> cases.add(field("/jobs", valid, field, value)));
		}
		NOT_NAMES.forEach((value) -> cases.add(field("/jobs", valid, "model", value)));
		NOT_NAMES.forEach((value) -> cases.add(field("/jobs", valid, "dataset", value)));
		List.of("\"abc\"", "1.5", "1e400", "99999999999999999999999", "{}", "[]", "NaN")
			.forEach((value) -> cases.add(field("/jobs", valid, "seed", value)));
		List.of("\"abc\"", "\"P\"", "\"-PT1S\"", "\"PT0S\"", "\"PT1e400S\"", "\"P99999999999999999999D\"", "{}", "[]")
			.forEach((value) -> cases.add(field("/jobs", valid, "timeLimit", value)));
		layers().forEach(
				(value) -> cases.add(field("/jobs", valid.replace("\"layers\":[784,10,10],", ""), "layers", value)));
		cases.add(HostileCase.json("null body fields", "POST", "/jobs", "{\"layers\":null,\"epochs\":[null]}"));
		return cases;
	}

	static List<String> layers() {
		return List.of("\"784,30,10\"", "[]", "[784]", "[784,0,10]", "[784,-1,10]", "[784,1e400,10]", "[784,null,10]",
				"[784,30.5,10]", "[10,30,784]", "[783,30,10]", "[784,30,11]", "[784,100000,10]",
				"[784," + String.join(",", Collections.nCopies(1000, "1000")) + ",10]", longArray(1_000_000, "1"),
				"[[784],[10]]", "{}", "true", "[784,NaN,10]", "[784,\"thirty\",10]", "[784,2147483648,10]");
	}

	/** POST /predict: one bad field in an otherwise valid request for model mnist. */
	static List<HostileCase> predict() {
		String image = "[" + String.join(",", Collections.nCopies(784, "0.5")) + "]";
		String valid = "{\"model\":\"mnist\",\"pixels\":" + image + "%s}";
		List<HostileCase> cases = new ArrayList<>();
		String withoutPixels = "{\"model\":\"mnist\"%s}";
		for (String pixels : pixels()) {
			cases.add(field("/predict", withoutPixels, "pixels", pixels));
		}
		for (String instances : List.of("[]", "[[]]", "[null]", "null", "[" + image + ",[0.5]]", "\"x\"", "{}",
				longArray(1_000_000, "[0]"), "[" + String.join(",", Collections.nCopies(1001, image)) + "]",
				"[" + image.replace("0.5,", "NaN,") + "]", "[[\"0.5\"]]")) {
			cases.add(field("/predict", withoutPixels, "instances", instances));
		}
		cases.add(field("/predict", valid, "instances", "[" + image + "]"));
		List.of("0", "-1", "\"abc\"", "1.5", "1e400", "99999999999", "{}", "[]", "true", "NaN", "999")
			.forEach((value) -> cases.add(field("/predict", valid, "version", value)));
		NOT_NAMES.forEach((value) -> cases.add(field("/predict", valid, "model", value)));
		NOT_NAMES.forEach((value) -> cases.add(field("/predict", valid, "alias", value)));
		cases.add(field("/predict", valid, "alias", "\"nosuchalias\""));
		cases.add(field("/predict", valid, "version\":1,\"alias", "\"production\""));
		cases
			.add(HostileCase.json("unknown model", "POST", "/predict", valid.formatted("").replace("mnist", "nosuch")));
		return cases;
	}

	static List<String> pixels() {
		String zeros783 = String.join(",", Collections.nCopies(783, "0"));
		return List.of("[]", "[0.5]", "[" + zeros783 + "]", "[" + zeros783 + ",0,0]", longArray(1_000_000, "0"),
				"[" + zeros783 + ",null]", "[" + zeros783 + ",\"0.5\"]", "[" + zeros783 + ",\"NaN\"]",
				"[" + zeros783 + ",NaN]", "[" + zeros783 + ",Infinity]", "[" + zeros783 + ",-Infinity]",
				"[" + zeros783 + ",1e400]", "[" + zeros783 + ",-1e400]", "[" + zeros783 + ",-4.9e-324]",
				"[" + zeros783 + ",1.0000000000000002]", "[" + zeros783 + ",2]", "[" + zeros783 + ",-1]",
				"[" + zeros783 + ",[0]]", "[" + zeros783 + ",{}]", "[" + zeros783 + ",true]", "null", "\"pixels\"",
				"{}", "0.5", "[[" + zeros783 + ",0]]", "[" + zeros783 + ",1" + "0".repeat(2000) + "]");
	}

	/** PUT /models/mnist/aliases/staging: the version field. */
	static List<HostileCase> alias() {
		List<HostileCase> cases = new ArrayList<>();
		for (String value : List.of("null", "0", "-1", "\"abc\"", "1.5", "1e400", "-1e400", "4.9e-324",
				"99999999999999999999", "{}", "[]", "true", "NaN", "\"NaN\"", "999")) {
			cases.add(HostileCase.json("version " + BodyCases.shorten(value), "PUT", "/models/mnist/aliases/staging",
					"{\"version\":" + value + "}"));
		}
		cases.add(HostileCase.json("no version", "PUT", "/models/mnist/aliases/staging", "{}"));
		cases.add(HostileCase.json("unknown field", "PUT", "/models/mnist/aliases/staging",
				"{\"version\":1,\"evil\":true}"));
		return cases;
	}

	private static HostileCase field(String path, String template, String field, String value) {
		String method = path.startsWith("/models") ? "PUT" : "POST";
		return HostileCase.json(field + "=" + BodyCases.shorten(value), method, path,
				template.formatted(",\"" + field + "\":" + value));
	}

	static String longArray(int length, String element) {
		StringBuilder json = new StringBuilder(length * (element.length() + 1) + 2).append('[');
		for (int i = 0; i < length; i++) {
			json.append((i == 0) ? "" : ",").append(element);
		}
		return json.append(']').toString();
	}

	static List<HostileCase> all() {
		List<HostileCase> cases = new ArrayList<>(jobs());
		cases.addAll(predict());
		cases.addAll(alias());
		return cases;
	}

}
