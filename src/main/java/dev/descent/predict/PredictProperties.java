package dev.descent.predict;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code descent.predict.*}.
 *
 * @param maxInstances the most images one batch request may carry
 * @param cacheSize how many loaded model versions are kept in memory (least recently used
 * evicted first)
 */
@ConfigurationProperties("descent.predict")
@Validated
public record PredictProperties(@DefaultValue("1000") @Positive int maxInstances,
		@DefaultValue("8") @Positive int cacheSize) {

}
