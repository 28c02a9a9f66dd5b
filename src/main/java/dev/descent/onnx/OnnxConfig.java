package dev.descent.onnx;

import dev.descent.models.ModelRepository;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ONNX export and import over the service's model repository. */
@Configuration(proxyBeanMethods = false)
class OnnxConfig {

	@Bean
	OnnxModels onnxModels(ModelRepository repository, JsonMapper jsonMapper) {
		return new OnnxModels(repository, jsonMapper);
	}

}
