package dev.descent.storage.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetStore;
import dev.descent.datasets.DatasetStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data set store contract on a real PostgreSQL and a real S3 API server, and what is
 * particular to the shared backend: replicas, checksums on read, orphans.
 */
class SharedDatasetStoreTest extends DatasetStoreContract {

	private static TestDatabase database;

	/** A prefix of the bucket no other test uses: a fresh, empty object store. */
	private Blobs blobs;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@BeforeAll
	static void createDatabase() {
		database = SharedServers.database("datasets");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	@BeforeEach
	void emptyTheStore() {
		database.database().jdbc().sql("truncate job, job_checkpoint, dataset, sweep").update();
		this.blobs = SharedServers.blobs("datasets");
	}

	@Override
	protected DatasetStore open() {
		return new SharedDatasetStore(database.database(), this.blobs, this.mapper);
	}

	/** Racing uploads come from different replicas, each with its own store. */
	@Override
	protected DatasetStore uploader(int i, DatasetStore shared) {
		return open();
	}

	@Test
	void aSetUploadedThroughOneReplicaIsReadThroughAnother() throws IOException {
		try (TestDatabase replica = database.replica()) {
			seeEachOther(open(), new SharedDatasetStore(replica.database(), this.blobs, this.mapper));
		}
	}

	private void seeEachOther(DatasetStore one, DatasetStore two) throws IOException {
		DatasetDescription created = create(one, "mine");
		assertThat(two.list()).containsExactly(created);
		String sha256 = two.readFile("mine", Mnist.TEST_LABELS, Sha256::hex);
		assertThat(sha256).isEqualTo(created.checksums().get(Mnist.TEST_LABELS));
		two.delete("mine");
		assertThat(one.exists("mine")).isFalse();
	}

	@Test
	void aFileWithAFlippedByteIsDetectedOnRead() throws IOException {
		DatasetDescription created = create(open(), "mine");
		String key = this.blobs.list(SharedDatasetStore.DATASETS)
			.stream()
			.filter((k) -> k.endsWith("/" + Mnist.TRAIN_IMAGES))
			.findFirst()
			.orElseThrow();
		corrupt(key);
		assertThatExceptionOfType(CorruptBlobException.class)
			.isThrownBy(() -> open().readFile("mine", Mnist.TRAIN_IMAGES, Sha256::hex));
		// a reader that stops after the header still gets the verdict
		assertThatExceptionOfType(CorruptBlobException.class)
			.isThrownBy(() -> open().readFile("mine", Mnist.TRAIN_IMAGES, (in) -> in.readNBytes(16)));
		String sha256 = open().readFile("mine", Mnist.TEST_IMAGES, Sha256::hex);
		assertThat(sha256).isEqualTo(created.checksums().get(Mnist.TEST_IMAGES));
	}

	@Test
	void refusedAndDeletedSetsLeaveNoBlob() throws IOException {
		DatasetStore store = open();
		create(store, "mine");
		assertThat(this.blobs.list(SharedDatasetStore.DATASETS)).hasSize(4);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> create(store, "mine"));
		assertThat(this.blobs.list(SharedDatasetStore.DATASETS)).hasSize(4);
		store.delete("mine");
		assertThat(this.blobs.list(SharedDatasetStore.DATASETS)).isEmpty();
	}

	@Test
	void leftoversOfInterruptedUploadsAreDeletedOnceTheyAreOld() throws IOException {
		Blobs blobs = this.blobs;
		Instant now = Instant.parse("2026-12-02T12:00:00Z");
		String old = StampedKeys.next(SharedDatasetStore.DATASETS + "lost/", now.minus(Duration.ofHours(2)));
		String recent = StampedKeys.next(SharedDatasetStore.DATASETS + "busy/", now.minus(Duration.ofMinutes(1)));
		blobs.put(old + "/" + Mnist.TRAIN_IMAGES, new ByteArrayInputStream(new byte[] { 1 }));
		blobs.put(recent + "/" + Mnist.TRAIN_IMAGES, new ByteArrayInputStream(new byte[] { 2 }));
		SharedDatasetStore store = new SharedDatasetStore(database.database(), blobs, this.mapper,
				Clock.fixed(now, ZoneOffset.UTC));
		create(store, "mine");
		assertThat(store.removeLeftovers(now.minus(SharedDatasetStore.ORPHAN_AGE))).isEqualTo(1);
		assertThat(blobs.list(SharedDatasetStore.DATASETS)).hasSize(5)
			.contains(recent + "/" + Mnist.TRAIN_IMAGES)
			.doesNotContain(old + "/" + Mnist.TRAIN_IMAGES);
		String sha256 = store.readFile("mine", Mnist.TRAIN_IMAGES, Sha256::hex);
		assertThat(sha256).hasSize(64);
	}

	/**
	 * Flips one byte of the stored object, as a failing disk of the object store would.
	 */
	private void corrupt(String key) throws IOException {
		Path file = SharedServers.s3().objectFile(this.blobs.fullKey(key));
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x10;
		Files.write(file, bytes);
	}

}
