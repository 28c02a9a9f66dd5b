package dev.descent.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the model repository ("modelRepository"): UP when its directory exists (or
 * can be made) and is readable and writable. The detail never names the path.
 */
@Component("modelRepositoryHealthIndicator")
class ModelDirectoryHealthIndicator implements HealthIndicator {

	private final Path directory;

	ModelDirectoryHealthIndicator(@Value("${descent.data-dir}") Path dataDir) {
		this.directory = dataDir.resolve("models");
	}

	@Override
	public Health health() {
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			return Health.down().withDetail("reason", "the model directory cannot be created").build();
		}
		if (!Files.isReadable(this.directory) || !Files.isWritable(this.directory)) {
			return Health.down().withDetail("reason", "the model directory is not readable and writable").build();
		}
		return Health.up().build();
	}

}
