package dev.descent.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsHealthIndicatorTest {

	@TempDir
	Path dataDir;

	@Test
	void corruptVersionIsReportedButDoesNotMakeTheServiceUnhealthy() throws IOException {
		ModelRepository repository = new ModelRepository(this.dataDir, ModelFixtures.PROPERTIES, ModelFixtures.JSON);
		repository.register("mnist", ModelFixtures.network(1), ModelFixtures.provenance());
		Files.write(this.dataDir.resolve("models/mnist/v1/weights.bin"), new byte[] { 1 });
		ModelRepository restarted = new ModelRepository(this.dataDir, ModelFixtures.PROPERTIES, ModelFixtures.JSON);
		Health health = new ModelsHealthIndicator(restarted).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("models", 1).containsEntry("corruptVersions", 1L);
	}

	@Test
	void missingDirectoryIsDown() throws IOException {
		ModelRepository repository = new ModelRepository(this.dataDir, ModelFixtures.PROPERTIES, ModelFixtures.JSON);
		Files.delete(this.dataDir.resolve("models"));
		assertThat(new ModelsHealthIndicator(repository).health().getStatus()).isEqualTo(Status.DOWN);
	}

}
