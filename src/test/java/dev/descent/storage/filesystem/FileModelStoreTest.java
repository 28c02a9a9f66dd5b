package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.models.ModelStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The model store contract on files, and what is particular to the files. */
class FileModelStoreTest extends ModelStoreContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Override
	protected ModelStore open() {
		return new FileModelStore(root(), JSON, Duration.ZERO);
	}

	@Override
	protected void corruptWeights(String name, int version) throws IOException {
		Path weights = root().resolve(name + "/v" + version + "/weights.bin");
		byte[] bytes = Files.readAllBytes(weights);
		bytes[100] ^= 1;
		Files.write(weights, bytes);
	}

	@Override
	protected ModelStore interruptedBeforeRecord() {
		return new FileModelStore(root(), JSON, Duration.ZERO, (name, version) -> {
			throw new IOException("crash between the blob and the record");
		});
	}

	@Test
	void anInterruptedPublishLeavesOnlyTheCounterOnDisk() throws IOException {
		ModelRepository crashing = new ModelRepository(interruptedBeforeRecord());
		assertThatIOException().isThrownBy(() -> crashing.register("mnist", network(1), provenance()))
			.withMessage("crash between the blob and the record");
		assertThat(listModelDir()).containsExactly("highest-version");
		assertThat(new ModelRepository(open()).register("mnist", network(2), provenance()).version()).isEqualTo(2);
		assertThat(listModelDir()).containsExactlyInAnyOrder("highest-version", "v2");
	}

	private Path root() {
		return this.dataDir.resolve("models");
	}

	private List<String> listModelDir() throws IOException {
		try (Stream<Path> files = Files.list(root().resolve("mnist"))) {
			return files.map((p) -> p.getFileName().toString()).toList();
		}
	}

}
