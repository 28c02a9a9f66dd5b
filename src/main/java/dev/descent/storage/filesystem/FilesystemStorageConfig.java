package dev.descent.storage.filesystem;

import java.io.IOException;

import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.JobStore;
import dev.descent.models.ModelStore;
import dev.descent.models.ModelsProperties;
import dev.descent.storage.StorageProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filesystem backend, the default ({@code descent.storage.kind=filesystem}): every
 * store under {@code descent.data-dir}, in the layout the service has always used
 * ({@code models/}, {@code jobs/}, {@code datasets/}), so an existing data directory
 * keeps loading. One process owns the directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "descent.storage.kind", havingValue = "filesystem", matchIfMissing = true)
class FilesystemStorageConfig {

	@Bean
	ModelStore modelStore(StorageProperties storage, ModelsProperties models, JsonMapper json) {
		return new FileModelStore(storage.directory("models"), json, models.publishDelay());
	}

	@Bean
	JobStore jobStore(StorageProperties storage, JsonMapper json) {
		return new FileJobStore(storage.directory("jobs"), json);
	}

	@Bean
	DatasetStore datasetStore(StorageProperties storage) throws IOException {
		return new FileDatasetStore(storage.directory("datasets"));
	}

}
