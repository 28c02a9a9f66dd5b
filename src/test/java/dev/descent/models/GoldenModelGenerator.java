package dev.descent.models;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.descent.engine.Network;

/**
 * Regenerates the golden model under {@code src/test/resources/golden}: version 1 of
 * model "golden" ([784, 3, 10] drawn from seed 42, the seed its metadata records) written
 * by this format version, and the outputs it must keep predicting for
 * {@link GoldenModelTest#inputs()}. Run it only when the format version changes on
 * purpose, and keep the old golden directory beside it.
 */
public final class GoldenModelGenerator {

	private GoldenModelGenerator() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of((args.length > 0) ? args[0] : "src/test/resources/golden");
		dev.descent.storage.DurableFiles.deleteRecursively(dir.resolve("models"));
		Files.createDirectories(dir);
		Network network = ModelFixtures.network(42);
		new ModelRepository(FileStores.models(dir)).register("golden", network, ModelFixtures.provenance());
		double[][] outputs = network.predict(GoldenModelTest.inputs());
		Files.write(dir.resolve("expected-outputs.json"),
				ModelFixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("outputs", outputs)));
	}

}
