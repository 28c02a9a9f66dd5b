package dev.descent.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatasetStoreTest {

	@TempDir
	Path root;

	@Test
	void storesRawIdxWithChecksumsAndDescription() throws IOException {
		FileDatasetStore store = new FileDatasetStore(this.root);
		DatasetDescription created = store.create("mine", sample());
		Path dir = this.root.resolve("mine");
		assertThat(created.checksums()).containsOnlyKeys(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
				Mnist.TEST_LABELS);
		for (String file : created.checksums().keySet()) {
			assertThat(Sha256.hex(dir.resolve(file))).isEqualTo(created.checksums().get(file));
		}
		DataSet read = IdxReader.read("training", dir.resolve(Mnist.TRAIN_IMAGES), dir.resolve(Mnist.TRAIN_LABELS));
		assertThat(read.size()).isEqualTo(DatasetSamples.TRAIN);
		assertThat(created.trainClassCounts().stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(DatasetSamples.TRAIN);
		assertThat(created.trainClassCounts()).containsExactlyElementsOf(
				java.util.stream.IntStream.of(DatasetSamples.training().classCounts()).boxed().toList());
	}

	@Test
	void restartKeepsDataSets() throws IOException {
		DatasetDescription created = new FileDatasetStore(this.root).create("mine", sample());
		new FileDatasetStore(this.root).create("other", sample());
		FileDatasetStore restarted = new FileDatasetStore(this.root);
		assertThat(restarted.list()).extracting(DatasetDescription::name).containsExactly("mine", "other");
		assertThat(restarted.find("mine")).contains(created);
	}

	@Test
	void restartRemovesUnfinishedWritesAndDeletes() throws IOException {
		new FileDatasetStore(this.root).create("mine", sample());
		Files.createDirectories(this.root.resolve(FileDatasetStore.STAGING_PREFIX + "1234").resolve("x"));
		Files.createDirectories(this.root.resolve(FileDatasetStore.DELETING_PREFIX + "5678"));
		FileDatasetStore restarted = new FileDatasetStore(this.root);
		assertThat(names()).containsExactly("mine");
		assertThat(restarted.list()).hasSize(1);
	}

	@Test
	void nameTakenIsAConflictAndMnistIsAlwaysTaken() throws IOException {
		FileDatasetStore store = new FileDatasetStore(this.root);
		store.create("mine", sample());
		assertThatExceptionOfType(DatasetConflictException.class).isThrownBy(() -> store.create("mine", sample()));
		assertThatExceptionOfType(DatasetConflictException.class).isThrownBy(() -> store.create("mnist", sample()));
		assertThat(names()).containsExactly("mine");
	}

	@Test
	void deleteRemovesEverything() throws IOException {
		FileDatasetStore store = new FileDatasetStore(this.root);
		store.create("mine", sample());
		store.delete("mine");
		assertThat(store.exists("mine")).isFalse();
		assertThat(names()).isEmpty();
		assertThatExceptionOfType(DatasetNotFoundException.class).isThrownBy(() -> store.delete("mine"));
	}

	@Test
	void unknownOrMalformedNamesAreNotFound() throws IOException {
		FileDatasetStore store = new FileDatasetStore(this.root);
		assertThat(store.find("nope")).isEmpty();
		assertThat(store.find("../etc")).isEmpty();
		assertThat(store.find("mnist")).isEmpty();
		assertThat(store.list()).isEmpty();
	}

	static UploadedData sample() {
		DataSet train = DatasetSamples.training();
		DataSet test = DatasetSamples.test();
		return new UploadedData("idx",
				new LabelledImages(DatasetSamples.pixels(train, DatasetSamples.TRAIN),
						DatasetSamples.labels(train, DatasetSamples.TRAIN)),
				new LabelledImages(DatasetSamples.pixels(test, DatasetSamples.TEST),
						DatasetSamples.labels(test, DatasetSamples.TEST)));
	}

	private List<String> names() throws IOException {
		try (var entries = Files.list(this.root)) {
			return entries.map((p) -> p.getFileName().toString()).sorted().toList();
		}
	}

}
