package dev.descent.sweeps;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.descent.jobs.JobRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of a {@link JobRequest} a sweep may change, read from the record itself so
 * that a field added to jobs can be swept at once, and the making of a trial's request
 * from the base request and the trial's values.
 */
final class JobFields {

	/**
	 * Not swept: where the version goes and what it trains on stay the base's, the time
	 * limit is the sweep's own, and the validation split is what trials are compared on.
	 */
	static final Set<String> FIXED = Set.of("model", "dataset", "timeLimit", "validationSize");

	private static final Map<String, Class<?>> TYPES = types();

	private JobFields() {
	}

	private static Map<String, Class<?>> types() {
		Map<String, Class<?>> types = new TreeMap<>();
		for (RecordComponent component : JobRequest.class.getRecordComponents()) {
			if (!FIXED.contains(component.getName())) {
				types.put(component.getName(), component.getType());
			}
		}
		return types;
	}

	/**
	 * @return the names of the fields a sweep may change, sorted
	 */
	static Set<String> sweepable() {
		return TYPES.keySet();
	}

	/**
	 * @return whether the field takes a number, so that it may have a range
	 */
	static boolean isNumber(String field) {
		Class<?> type = TYPES.get(field);
		return type == Integer.class || type == Long.class || type == Double.class;
	}

	/**
	 * @return whether the field takes a whole number: a range's draws are rounded
	 */
	static boolean isWhole(String field) {
		Class<?> type = TYPES.get(field);
		return type == Integer.class || type == Long.class;
	}

	/**
	 * @param values field name to value, as JSON would give them
	 * @return the base request with those fields replaced
	 * @throws IllegalArgumentException naming the problem when a value does not fit its
	 * field's type
	 */
	static JobRequest apply(JsonMapper json, JobRequest base, Map<String, Object> values) {
		ObjectNode tree = json.valueToTree(base);
		values.forEach((field, value) -> tree.set(field, json.valueToTree(value)));
		try {
			return json.treeToValue(tree, JobRequest.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(wanted(values));
		}
	}

	private static String wanted(Map<String, Object> values) {
		for (String field : values.keySet()) {
			Class<?> type = TYPES.get(field);
			if (type == Integer.class || type == Long.class) {
				return "must be a whole number";
			}
			if (type == Double.class) {
				return "must be a number";
			}
			if (type == String.class) {
				return "must be a string";
			}
		}
		return "does not fit the field";
	}

}
