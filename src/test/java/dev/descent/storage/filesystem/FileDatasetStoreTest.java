package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetStore;
import dev.descent.datasets.DatasetStoreContract;
import dev.descent.storage.DurableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The data set store contract on files, and what is particular to the files. */
class FileDatasetStoreTest extends DatasetStoreContract {

	@TempDir
	Path root;

	@Override
	protected DatasetStore open() {
		return FileStores.datasets(this.root);
	}

	@Test
	void storesRawIdxFilesWithTheirChecksumsInTheSetsDirectory() throws IOException {
		DatasetDescription created = create(open(), "mine");
		Path dir = this.root.resolve("mine");
		for (String file : created.checksums().keySet()) {
			assertThat(Sha256.hex(dir.resolve(file))).isEqualTo(created.checksums().get(file));
		}
		DataSet read = IdxReader.read("training", dir.resolve(Mnist.TRAIN_IMAGES), dir.resolve(Mnist.TRAIN_LABELS));
		assertThat(read.size()).isEqualTo(created.trainSize());
		assertThat(dir.resolve(FileDatasetStore.DESCRIPTION)).isRegularFile();
	}

	@Test
	void restartRemovesUnfinishedWritesAndDeletes() throws IOException {
		create(open(), "mine");
		Files.createDirectories(this.root.resolve(DurableFiles.STAGING_PREFIX + "1234").resolve("x"));
		Files.createDirectories(this.root.resolve(DurableFiles.TRASH_PREFIX + "5678"));
		DatasetStore restarted = open();
		assertThat(names()).containsExactly("mine");
		assertThat(restarted.list()).hasSize(1);
	}

	@Test
	void deleteAndRefusedUploadsLeaveNoFile() throws IOException {
		DatasetStore store = open();
		create(store, "mine");
		store.delete("mine");
		assertThat(names()).isEmpty();
		create(store, "mine");
		try {
			create(store, "mine");
		}
		catch (RuntimeException ex) {
			// a conflict, as the contract says
		}
		assertThat(names()).containsExactly("mine");
	}

	private List<String> names() throws IOException {
		try (var entries = Files.list(this.root)) {
			return entries.map((p) -> p.getFileName().toString()).sorted().toList();
		}
	}

}
