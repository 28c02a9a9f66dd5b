package dev.descent.models;

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
 */
public record ModelVersion(@JsonUnwrapped ModelMetadata metadata, Status status, String problem) {

	/** Whether a version can be served. */
	public enum Status {

		/** Verified when read: can be served. */
		OK,

		/** Failed verification: never served. */
		CORRUPT

	}

	static ModelVersion ok(ModelMetadata metadata) {
		return new ModelVersion(metadata, Status.OK, null);
	}

	static ModelVersion corrupt(ModelMetadata metadata, String problem) {
		return new ModelVersion(metadata, Status.CORRUPT, problem);
	}

	/** The stand-in for a version whose model.json cannot be read. */
	static ModelVersion unreadable(String name, int version, String problem) {
		ModelMetadata stub = new ModelMetadata(null, name, version, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null);
		return corrupt(stub, problem);
	}

	public int version() {
		return this.metadata.version();
	}

	@JsonIgnore
	public boolean isCorrupt() {
		return this.status == Status.CORRUPT;
	}

}
