package dev.descent.web;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are read strictly: a value of the wrong JSON type is an error, not
 * converted. Jackson would otherwise read {@code "model": true} as the name "true",
 * {@code "epochs": "5"} as 5 and {@code "epochs": ""} as absent, starting a job the
 * client did not describe.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfig {

	@Bean
	JsonMapperBuilderCustomizer strictScalarTypes() {
		return (builder) -> builder
			.withCoercionConfig(LogicalType.Textual,
					(config) -> fail(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Integer,
					(config) -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Float,
					(config) -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean, (config) -> fail(config, CoercionInputShape.String,
					CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float));
	}

	private static void fail(MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

}
