package dev.descent.storage;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the service keeps its state: the one place {@code descent.data-dir} (environment
 * {@code DESCENT_DATA_DIR}, used by the Dockerfile and the Helm chart) is bound, and
 * which backend {@code descent.storage.kind} picks. Each backend's configuration creates
 * the features' stores ({@code ModelStore}, {@code JobStore}, {@code DatasetStore}) when
 * its kind is chosen.
 *
 * @param dataDir the filesystem backend's root (its default, {@code ./data}, is in
 * application.yml, whose {@code descent.mnist.directory} refers to it), holding
 * {@code models/}, {@code jobs/}, {@code datasets/}; also where MNIST is cached
 * ({@code mnist/}) with either backend
 * @param storage {@code descent.storage.*}
 */
@ConfigurationProperties("descent")
@Validated
public record StorageProperties(@NotNull Path dataDir, @DefaultValue @Valid Storage storage) {

	/** The backends: {@code descent.storage.kind}. */
	public enum Kind {

		/**
		 * Everything under {@code descent.data-dir}; one process owns it. The default.
		 */
		FILESYSTEM,

		/**
		 * Metadata in PostgreSQL, blobs in an S3-compatible object store; many replicas.
		 */
		SHARED

	}

	/**
	 * @param kind which backend; {@code filesystem} by default
	 */
	public record Storage(@DefaultValue("filesystem") @NotNull Kind kind) {

	}

	/**
	 * @return the filesystem backend's directory for one feature's files
	 */
	public Path directory(String feature) {
		return this.dataDir.resolve(feature);
	}

}
