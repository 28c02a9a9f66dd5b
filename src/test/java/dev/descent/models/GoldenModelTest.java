package dev.descent.models;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.descent.engine.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model written by format version 1 (src/test/resources/golden, made by
 * {@link GoldenModelGenerator}) must keep loading and predicting the same outputs.
 */
class GoldenModelTest {

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	@TempDir
	Path dataDir;

	/** Four fixed images; the golden outputs were computed for these. */
	static double[][] inputs() {
		double[][] inputs = new double[4][784];
		for (int k = 0; k < inputs.length; k++) {
			for (int j = 0; j < 784; j++) {
				inputs[k][j] = ((j * (k + 3)) % 256) / 255.0;
			}
		}
		return inputs;
	}

	@Test
	void goldenModelLoadsAndPredictsTheCommittedOutputs() throws IOException {
		copyGolden();
		ModelRepository repository = new ModelRepository(FileStores.models(this.dataDir));
		ModelVersion version = repository.version("golden", 1);
		assertThat(version.status()).isEqualTo(ModelVersion.Status.OK);
		assertThat(version.metadata().formatVersion()).isEqualTo(1);
		assertThat(version.metadata().layers()).containsExactly(784, 3, 10);
		Network network = repository.load("golden", 1);
		JsonNode expected = expectedOutputs();
		double[][] inputs = inputs();
		for (int k = 0; k < inputs.length; k++) {
			double[] output = network.predict(inputs[k]);
			for (int j = 0; j < 10; j++) {
				assertThat(output[j]).isCloseTo(expected.get(k).get(j).asDouble(), within(1e-12));
			}
		}
	}

	private JsonNode expectedOutputs() throws IOException {
		try (InputStream in = Files.newInputStream(GOLDEN.resolve("expected-outputs.json"))) {
			return ModelFixtures.JSON.readTree(in).get("outputs");
		}
	}

	private void copyGolden() throws IOException {
		try (Stream<Path> files = Files.walk(GOLDEN.resolve("models"))) {
			for (Path source : files.toList()) {
				Path target = this.dataDir.resolve(GOLDEN.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
	}

}
