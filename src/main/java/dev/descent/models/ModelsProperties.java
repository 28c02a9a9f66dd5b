package dev.descent.models;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The model repository's settings ({@code descent.models.*}). With the filesystem backend
 * the repository's root is {@code ${descent.data-dir}/models}.
 *
 * @param publishDelay a pause between writing a version and publishing it; for crash
 * tests only (they kill the process in that window), 0 otherwise
 */
@ConfigurationProperties("descent.models")
@Validated
public record ModelsProperties(@DefaultValue("0s") Duration publishDelay) {

	public ModelsProperties {
		if (publishDelay.isNegative()) {
			throw new IllegalArgumentException("descent.models.publish-delay must not be negative");
		}
	}

}
