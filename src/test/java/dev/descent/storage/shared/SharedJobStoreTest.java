package dev.descent.storage.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.descent.jobs.Job;
import dev.descent.jobs.JobStore;
import dev.descent.jobs.JobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job store contract on a real PostgreSQL and a real S3 API server, and what is
 * particular to the shared backend: replicas, checksums, orphans.
 */
class SharedJobStoreTest extends JobStoreContract {

	private static TestDatabase database;

	/** A prefix of the bucket no other test uses: a fresh, empty object store. */
	private Blobs blobs;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@BeforeAll
	static void createDatabase() {
		database = SharedServers.database("jobs");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	@BeforeEach
	void emptyTheStore() {
		database.database().jdbc().sql("truncate job, job_checkpoint, dataset, sweep").update();
		this.blobs = SharedServers.blobs("jobs");
	}

	@Override
	protected JobStore open() {
		return new SharedJobStore(database.database(), this.blobs, this.mapper);
	}

	@Test
	void twoReplicasSeeEachOthersJobsAndCheckpoints() throws IOException {
		try (TestDatabase replica = database.replica()) {
			seeEachOther(open(), new SharedJobStore(replica.database(), this.blobs, this.mapper));
		}
	}

	private void seeEachOther(JobStore one, JobStore two) throws IOException {
		one.save(job("j-1"));
		assertThat(two.loadAll()).containsExactly(job("j-1"));
		Job trained = trained("j-1");
		two.save(trained);
		two.saveCheckpoint("j-1", (out) -> out.write(new byte[] { 4, 2 }));
		assertThat(one.loadAll()).containsExactly(trained);
		assertThat(one.readCheckpoint("j-1", (in) -> in.readAllBytes()))
			.hasValueSatisfying((bytes) -> assertThat(bytes).containsExactly(4, 2));
		one.deleteCheckpoint("j-1");
		assertThat(two.checkpointIds()).isEmpty();
	}

	@Test
	void aCheckpointBlobWithAFlippedByteIsDetected() throws IOException {
		JobStore store = open();
		store.saveCheckpoint("j-1", (out) -> out.write(new byte[300_000]));
		String key = onlyCheckpointKey();
		corrupt(key);
		assertThatExceptionOfType(CorruptBlobException.class)
			.isThrownBy(() -> open().readCheckpoint("j-1", (in) -> in.readAllBytes()));
		// also when the reader stops early: the store reads the blob to its end
		assertThatExceptionOfType(CorruptBlobException.class)
			.isThrownBy(() -> open().readCheckpoint("j-1", (in) -> in.read()));
	}

	@Test
	void eachCheckpointIsANewBlobAndTheReplacedOneIsDeleted() throws IOException {
		JobStore store = open();
		store.saveCheckpoint("j-1", (out) -> out.write(1));
		String first = onlyCheckpointKey();
		store.saveCheckpoint("j-1", (out) -> out.write(2));
		String second = onlyCheckpointKey();
		assertThat(second).isNotEqualTo(first).startsWith(SharedJobStore.CHECKPOINTS + "j-1/");
		assertThat(database.database()
			.jdbc()
			.sql("select sha256 from job_checkpoint where job_id = 'j-1'")
			.query(String.class)
			.single()).isEqualTo(dev.descent.data.Sha256.hex(new byte[] { 2 }));
		store.deleteCheckpoint("j-1");
		assertThat(this.blobs.list(SharedJobStore.CHECKPOINTS)).isEmpty();
	}

	@Test
	void loadingDeletesBlobsThatAWriteInterruptedBeforeItsRowLeftOnceTheyAreOld() throws IOException {
		Blobs blobs = this.blobs;
		Instant now = Instant.parse("2026-12-02T12:00:00Z");
		String old = StampedKeys.next(SharedJobStore.CHECKPOINTS + "j-1/", now.minus(Duration.ofHours(2)));
		String recent = StampedKeys.next(SharedJobStore.CHECKPOINTS + "j-1/", now.minus(Duration.ofMinutes(1)));
		blobs.put(old, new java.io.ByteArrayInputStream(new byte[] { 1 }));
		blobs.put(recent, new java.io.ByteArrayInputStream(new byte[] { 2 }));
		SharedJobStore store = new SharedJobStore(database.database(), blobs, this.mapper,
				Clock.fixed(now, ZoneOffset.UTC));
		store.saveCheckpoint("j-2", (out) -> out.write(3));
		store.loadAll();
		assertThat(blobs.list(SharedJobStore.CHECKPOINTS)).hasSize(2).contains(recent).doesNotContain(old);
		assertThat(store.readCheckpoint("j-2", (in) -> in.readAllBytes())).isPresent();
	}

	@Test
	void recordsWithFieldsThisVersionDoesNotKnowAreReadAndUnreadableOnesSkipped() throws IOException {
		open().save(job("j-1"));
		database.database()
			.jdbc()
			.sql("update job set record = record || '{\"fromTheFuture\": 42}'::jsonb where id = 'j-1'")
			.update();
		database.database()
			.jdbc()
			.sql("insert into job (id, state, record) values ('j-2', 'QUEUED', '{\"id\": \"j-2\", \"history\": 5}')")
			.update();
		assertThat(open().loadAll()).containsExactly(job("j-1"));
	}

	private String onlyCheckpointKey() throws IOException {
		List<String> keys = this.blobs.list(SharedJobStore.CHECKPOINTS);
		assertThat(keys).hasSize(1);
		return keys.get(0);
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
