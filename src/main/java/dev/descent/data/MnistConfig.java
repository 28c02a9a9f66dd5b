package dev.descent.data;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Mnist} of the service, configured by {@link MnistProperties}. */
@Configuration(proxyBeanMethods = false)
class MnistConfig {

	@Bean
	Mnist mnist(MnistProperties properties) {
		return new Mnist(properties.directory(), properties.mirrors(), properties.npmFallback());
	}

}
