package dev.descent.datasets;

import dev.descent.data.MnistSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data set provider, over whichever {@link DatasetStore} the storage backend
 * provides.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatasetsProperties.class)
class DatasetsConfig {

	@Bean
	DatasetProvider datasetProvider(DatasetStore store, ObjectProvider<MnistSource> mnist,
			DatasetsProperties properties) {
		return new DatasetProvider(store, mnist, properties.cacheSize());
	}

}
