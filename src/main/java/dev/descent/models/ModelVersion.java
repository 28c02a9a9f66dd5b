package dev.descent.models;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One version as the API shows it: its metadata, and whether it can be served.
 *
 * @param metadata the version's {@code model.json} (only name and version when the file
 * itself is unreadable)
 * @param status OK, or CORRUPT when it failed its checksum, shape check or could not be
 * read
 * @param problem why it is CORRUPT, else null
 * @param tags its tags, key to value, sorted by key; not part of the immutable version
 */
public record ModelVersion(@JsonUnwrapped ModelMetadata metadata, Status status, String problem,
		Map<String, String> tags) {

	public ModelVersion {
		tags = (tags != null) ? Collections.unmodifiableMap(new TreeMap<>(tags)) : Map.of();
	}

	/** Whether a version can be served. */
	public enum Status {

		/** Verified when read: can be served. */
		OK,

		/** Failed verification: never served. */
		CORRUPT

	}

	static ModelVersion ok(ModelMetadata metadata) {
		return new ModelVersion(metadata, Status.OK, null, Map.of());
	}

	static ModelVersion corrupt(ModelMetadata metadata, String problem) {
		return new ModelVersion(metadata, Status.CORRUPT, problem, Map.of());
	}

	/** The stand-in for a version whose model.json cannot be read. */
	static ModelVersion unreadable(String name, int version, String problem) {
		ModelMetadata stub = new ModelMetadata(null, name, version, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null);
		return corrupt(stub, problem);
	}

	/**
	 * @return this version with these tags
	 */
	ModelVersion withTags(Map<String, String> next) {
		return new ModelVersion(this.metadata, this.status, this.problem, next);
	}

	/**
	 * @return its test accuracy after the last epoch, null when it has none (imported, or
	 * unreadable)
	 */
	public Double accuracy() {
		return this.metadata.accuracy();
	}

	public int version() {
		return this.metadata.version();
	}

	@JsonIgnore
	public boolean isCorrupt() {
		return this.status == Status.CORRUPT;
	}

}
