package dev.descent.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.JobStore;
import dev.descent.models.ModelStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filesystem backend's stores on a data directory, laid out as
 * {@link FilesystemStorageConfig} lays them out, for the features' tests.
 */
public final class FileStores {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FileStores() {
	}

	public static ModelStore models(Path dataDir) {
		return models(dataDir, JSON, Duration.ZERO);
	}

	public static ModelStore models(Path dataDir, JsonMapper json, Duration publishDelay) {
		return new FileModelStore(dataDir.resolve("models"), json, publishDelay);
	}

	public static JobStore jobs(Path dataDir, JsonMapper json) {
		return new FileJobStore(dataDir.resolve("jobs"), json);
	}

	/**
	 * @param root the data sets' own directory ({@code ${descent.data-dir}/datasets})
	 */
	public static DatasetStore datasets(Path root) {
		try {
			return new FileDatasetStore(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
