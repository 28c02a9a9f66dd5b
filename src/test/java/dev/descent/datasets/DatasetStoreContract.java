package dev.descent.datasets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What every {@link DatasetStore} backend promises, run against each: one subclass per
 * backend gives stores over one fresh, empty state per test.
 */
public abstract class DatasetStoreContract {

	/**
	 * @return a store over this test's state; each call is a new instance (a restart),
	 * seeing what the others wrote
	 */
	protected abstract DatasetStore open();

	/**
	 * @return the store the i-th of 4 racing uploads uses: by default one shared instance
	 * (a backend that one process owns); a shared backend gives each its own
	 */
	protected DatasetStore uploader(int i, DatasetStore shared) {
		return shared;
	}

	@Test
	void storesTheFourFilesWithTheirChecksumsAndTheDescription() throws IOException {
		DatasetFiles files = DatasetFiles.of("mine", DatasetSamples.upload());
		DatasetDescription created = open().create(files.description(), files.files());
		assertThat(created).isEqualTo(files.description());
		DatasetStore reopened = open();
		assertThat(reopened.find("mine")).contains(created);
		assertThat(created.checksums()).containsOnlyKeys(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
				Mnist.TEST_LABELS);
		for (String file : created.checksums().keySet()) {
			String sha256 = reopened.readFile("mine", file, Sha256::hex);
			assertThat(sha256).isEqualTo(created.checksums().get(file));
		}
		assertThat(created.trainSize()).isEqualTo(DatasetSamples.TRAIN);
		assertThat(created.trainClassCounts())
			.containsExactlyElementsOf(IntStream.of(DatasetSamples.training().classCounts()).boxed().toList());
		DataSet read = IdxReader.dataSet("training", Mnist.TRAIN_IMAGES,
				reopened.readFile("mine", Mnist.TRAIN_IMAGES, (in) -> IdxReader.readImages(Mnist.TRAIN_IMAGES, in)),
				Mnist.TRAIN_LABELS,
				reopened.readFile("mine", Mnist.TRAIN_LABELS, (in) -> IdxReader.readLabels(Mnist.TRAIN_LABELS, in)));
		assertThat(read.size()).isEqualTo(DatasetSamples.TRAIN);
	}

	@Test
	void listsEverySetByName() throws IOException {
		create(open(), "other");
		create(open(), "mine");
		assertThat(open().list()).extracting(DatasetDescription::name).containsExactly("mine", "other");
		assertThat(open().exists("mine")).isTrue();
	}

	@Test
	void aTakenNameIsAConflictAndMnistIsAlwaysTaken() throws IOException {
		create(open(), "mine");
		assertThatExceptionOfType(DatasetConflictException.class).isThrownBy(() -> create(open(), "mine"));
		assertThatExceptionOfType(DatasetConflictException.class).isThrownBy(() -> create(open(), "mnist"));
		assertThat(open().list()).extracting(DatasetDescription::name).containsExactly("mine");
	}

	@Test
	void twoUploadsRacingForANameStoreOne() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<DatasetDescription>> uploads = new ArrayList<>();
			DatasetStore shared = open();
			for (int i = 0; i < 4; i++) {
				DatasetStore store = uploader(i, shared);
				Callable<DatasetDescription> upload = () -> create(store, "mine");
				uploads.add(pool.submit(upload));
			}
			int stored = 0;
			for (Future<DatasetDescription> upload : uploads) {
				try {
					upload.get();
					stored++;
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(DatasetConflictException.class);
				}
			}
			assertThat(stored).isEqualTo(1);
			assertThat(open().list()).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFileThatDoesNotMatchItsChecksumStoresNothing() throws IOException {
		DatasetFiles files = DatasetFiles.of("mine", DatasetSamples.upload());
		Map<String, dev.descent.storage.BlobWriter> wrong = new java.util.HashMap<>(files.files());
		wrong.put(Mnist.TEST_LABELS, DatasetFiles.labels(new byte[] { 1, 2, 3 }));
		assertThatIOException().isThrownBy(() -> open().create(files.description(), wrong))
			.withMessageContaining(Mnist.TEST_LABELS);
		assertThat(open().find("mine")).isEmpty();
		assertThat(open().list()).isEmpty();
		create(open(), "mine");
	}

	@Test
	void deleteRemovesEverything() throws IOException {
		create(open(), "mine");
		open().delete("mine");
		assertThat(open().exists("mine")).isFalse();
		assertThat(open().list()).isEmpty();
		assertThatExceptionOfType(DatasetNotFoundException.class).isThrownBy(() -> open().delete("mine"));
		assertThatExceptionOfType(DatasetNotFoundException.class)
			.isThrownBy(() -> open().readFile("mine", Mnist.TEST_LABELS, Sha256::hex));
		create(open(), "mine");
	}

	@Test
	void unknownOrMalformedNamesAreNotFound() throws IOException {
		DatasetStore store = open();
		assertThat(store.find("nope")).isEmpty();
		assertThat(store.find("../etc")).isEmpty();
		assertThat(store.find("mnist")).isEmpty();
		assertThat(store.exists("Mine")).isFalse();
		assertThat(store.list()).isEmpty();
		assertThat(store.availability().available()).isTrue();
	}

	protected static DatasetDescription create(DatasetStore store, String name) throws IOException {
		DatasetFiles files = DatasetFiles.of(name, DatasetSamples.upload());
		return store.create(files.description(), files.files());
	}

}
