package dev.descent.models;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One model as a {@link ModelStore} holds it.
 *
 * @param name the model's name
 * @param versions the published versions by number (deleted ones absent)
 * @param aliases alias name to version number
 */
public record StoredModel(String name, NavigableMap<Integer, StoredVersion> versions, Map<String, Integer> aliases) {

	public StoredModel {
		versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
		aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
	}

}
