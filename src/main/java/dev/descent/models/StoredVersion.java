package dev.descent.models;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One published version as a {@link ModelStore} holds it; its weights are read apart.
 *
 * @param version its number
 * @param metadata its metadata, null when the stored metadata cannot be read (the
 * repository reports the version CORRUPT)
 * @param tags its tags, key to value (never null)
 */
public record StoredVersion(int version, ModelMetadata metadata, Map<String, String> tags) {

	public StoredVersion {
		tags = (tags != null) ? Collections.unmodifiableMap(new TreeMap<>(tags)) : Map.of();
	}

	/** A version without tags. */
	public StoredVersion(int version, ModelMetadata metadata) {
		this(version, metadata, Map.of());
	}

}
