package dev.descent.ship;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

/**
 * Small helpers for walking parsed YAML/JSON trees (maps and lists) in tests.
 */
final class Yaml2 {

	private Yaml2() {
	}

	static Map<String, Object> load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

	/** Every non-empty document of a multi-document YAML string. */
	static List<Map<String, Object>> loadAll(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	/**
	 * The value at a dotted path ({@code "spec.template.spec"}), {@code null} when any
	 * step is missing. A key that itself holds dots is reached by indexing the map
	 * directly.
	 */
	static Object get(Object tree, String dottedPath) {
		Object node = tree;
		for (String key : dottedPath.split("\\.")) {
			if (!(node instanceof Map<?, ?> map)) {
				return null;
			}
			node = map.get(key);
		}
		return node;
	}

	static Object getOr(Object tree, String dottedPath, Object fallback) {
		return Objects.requireNonNullElse(get(tree, dottedPath), fallback);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		return (Map<String, Object>) Objects.requireNonNull(node, "missing YAML mapping");
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		return (List<Object>) Objects.requireNonNull(node, "missing YAML sequence");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Object node) {
		return (List<Map<String, Object>>) Objects.requireNonNull(node, "missing YAML sequence");
	}

}
