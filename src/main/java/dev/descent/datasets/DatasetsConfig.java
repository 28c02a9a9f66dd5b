package dev.descent.datasets;

import java.io.IOException;
import java.nio.file.Path;

import dev.descent.data.MnistSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Uploaded data sets live under {@code ${descent.data-dir}/datasets}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatasetsProperties.class)
class DatasetsConfig {

	@Bean
	FileDatasetStore datasetStore(@Value("${descent.data-dir}") Path dataDir) throws IOException {
		return new FileDatasetStore(dataDir.resolve("datasets"));
	}

	@Bean
	DatasetProvider datasetProvider(FileDatasetStore store, ObjectProvider<MnistSource> mnist,
			DatasetsProperties properties) {
		return new DatasetProvider(store, mnist, properties.cacheSize());
	}

}
