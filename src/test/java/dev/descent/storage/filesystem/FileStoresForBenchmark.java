package dev.descent.storage.filesystem;

import java.nio.file.Path;
import java.time.Duration;

import dev.descent.models.ModelStore;
import tools.jackson.databind.json.JsonMapper;

/** The filesystem model store, for the store latency benchmark in storage.shared. */
public final class FileStoresForBenchmark {

	private FileStoresForBenchmark() {
	}

	public static ModelStore models(Path root, JsonMapper json) {
		return new FileModelStore(root, json, Duration.ZERO);
	}

}
