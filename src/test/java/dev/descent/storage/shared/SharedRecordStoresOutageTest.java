package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetDescription;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobRequest;
import dev.descent.jobs.JobState;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreHealth;
import dev.descent.storage.StoreUnavailableException;
import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepRequest;
import dev.descent.sweeps.SweepState;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The job, data set and sweep stores of the shared backend while PostgreSQL is stopped,
 * and while the object store is stopped (servers of this test's own, each stopped once,
 * in the middle of a write): writes throw {@link StoreUnavailableException} naming the
 * store, the stores report DOWN, nothing half-written becomes visible, and when the
 * server is back the same store instances work again with nothing lost.
 */
class SharedRecordStoresOutageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] BEFORE = { 1, 2, 3 };

	private static final byte[] DURING = { 4, 5, 6 };

	private static PostgresServer postgres;

	private static S3ProxyServer s3;

	private static S3Client client;

	private static TestDatabase database;

	private Blobs blobs;

	private SharedJobStore jobs;

	private SharedDatasetStore datasets;

	private SharedSweepStore sweeps;

	@BeforeAll
	static void startServersOfOurOwn() throws IOException {
		postgres = PostgresServer.launch();
		s3 = S3ProxyServer.launch();
		client = SharedServers.client(s3);
		database = TestDatabase.create(postgres.createDatabase("records_outage"), postgres.username(),
				postgres.password());
	}

	@AfterAll
	static void stopThem() throws IOException {
		database.close();
		client.close();
		try {
			postgres.close();
		}
		finally {
			s3.close();
		}
	}

	/** Both servers up, an empty store, and what was written before the outage. */
	@BeforeEach
	void writeBeforeTheOutage() throws IOException {
		postgres.start();
		s3.start();
		database.database().jdbc().sql("truncate job, job_checkpoint, dataset, sweep").update();
		this.blobs = new Blobs(client, s3.bucket(), "outage-" + System.nanoTime() + "/", "models");
		this.jobs = new SharedJobStore(database.database(), this.blobs, JSON);
		this.datasets = new SharedDatasetStore(database.database(), this.blobs, JSON);
		this.sweeps = new SharedSweepStore(database.database(), JSON);
		this.jobs.save(job("j-1"));
		this.jobs.saveCheckpoint("j-1", (out) -> out.write(BEFORE));
		create("before", (file) -> {
		});
		this.sweeps.save(sweep("s-1"));
	}

	@AfterEach
	void serversBackForTheNext() throws IOException {
		postgres.start();
		s3.start();
	}

	@Test
	void whilePostgresIsDownWritesFailWithNothingHalfWrittenAndAllComesBack() throws IOException {
		// stopped while a data set's files are being uploaded: its row cannot be written
		unavailable("datasets", () -> create("during", stopAtThirdFile(postgres::stop)));
		unavailable("jobs", () -> this.jobs.save(job("j-2")));
		unavailable("jobs", () -> this.jobs.saveCheckpoint("j-1", (out) -> out.write(DURING)));
		unavailable("jobs", () -> this.jobs.delete("j-1"));
		unavailable("datasets", () -> this.datasets.delete("before"));
		unavailable("sweeps", () -> this.sweeps.save(sweep("s-2")));
		assertDown(this.jobs.availability(), "the database cannot be reached");
		assertDown(this.datasets.availability(), "the database cannot be reached");
		// the object store was up: the blobs of the refused writes are gone already
		assertThat(this.blobs.list(SharedJobStore.CHECKPOINTS)).hasSize(1);
		assertThat(this.blobs.list(SharedDatasetStore.DATASETS)).hasSize(4).allMatch((k) -> k.contains("/before/"));

		postgres.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jobs.availability().available());
		assertThat(this.datasets.availability().available()).isTrue();
		assertNothingLostNorHalfWritten();
		this.sweeps.save(sweep("s-2"));
		assertThat(this.sweeps.loadAll()).extracting(Sweep::id).containsExactly("s-1", "s-2");
	}

	@Test
	void whileTheObjectStoreIsDownBlobWritesFailWithNothingHalfWrittenAndAllComesBack() throws IOException {
		// stopped after two of a data set's four files were uploaded
		unavailable("datasets", () -> create("during", stopAtThirdFile(s3::stop)));
		assertThat(this.datasets.exists("during")).as("no row without all its files").isFalse();
		unavailable("jobs", () -> this.jobs.saveCheckpoint("j-1", (out) -> out.write(DURING)));
		unavailable("jobs", () -> this.jobs.readCheckpoint("j-1", (in) -> in.readAllBytes()));
		unavailable("datasets", () -> this.datasets.readFile("before", Mnist.TEST_LABELS, Sha256::hex));
		assertDown(this.jobs.availability(), "the object store cannot be reached");
		assertDown(this.datasets.availability(), "the object store cannot be reached");
		assertThat(checkpointSha256()).as("still the checkpoint written before").isEqualTo(Sha256.hex(BEFORE));
		// records need no blob: they are written as ever
		this.jobs.save(job("j-2"));
		this.sweeps.save(sweep("s-2"));

		s3.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jobs.availability().available());
		assertThat(this.datasets.availability().available()).isTrue();
		assertThat(this.jobs.loadAll()).extracting(Job::id).containsExactly("j-1", "j-2");
		this.jobs.delete("j-2");
		assertNothingLostNorHalfWritten();
		// the two files the interrupted upload left (its clean-up could not reach the
		// store) are orphans, deleted by the sweep that starts with the service
		assertThat(this.datasets.removeLeftovers(Instant.now().plusSeconds(60))).isEqualTo(2);
		assertThat(this.blobs.list(SharedDatasetStore.DATASETS)).hasSize(8);
		String sha256 = this.datasets.readFile("during", Mnist.TRAIN_IMAGES, Sha256::hex);
		assertThat(sha256).isEqualTo(this.datasets.find("during").orElseThrow().checksums().get(Mnist.TRAIN_IMAGES));
	}

	/**
	 * The same store instances, the server back: what was written before is all there,
	 * what the outage refused is not, and the refused writes now succeed.
	 */
	private void assertNothingLostNorHalfWritten() throws IOException {
		assertThat(this.jobs.loadAll()).containsExactly(job("j-1"));
		assertThat(this.jobs.readCheckpoint("j-1", (in) -> in.readAllBytes())).hasValue(BEFORE);
		assertThat(this.datasets.list()).extracting(DatasetDescription::name).containsExactly("before");
		assertThat(this.sweeps.loadAll()).extracting(Sweep::id).startsWith("s-1");
		this.jobs.save(job("j-2"));
		this.jobs.saveCheckpoint("j-1", (out) -> out.write(DURING));
		assertThat(this.jobs.readCheckpoint("j-1", (in) -> in.readAllBytes())).hasValue(DURING);
		assertThat(this.blobs.list(SharedJobStore.CHECKPOINTS)).as("the replaced checkpoint deleted").hasSize(1);
		create("during", (file) -> {
		});
		assertThat(this.datasets.list()).extracting(DatasetDescription::name).containsExactly("before", "during");
	}

	private static void unavailable(String store, ThrowingCallable write) {
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(write)
			.satisfies((ex) -> assertThat(ex.store()).isEqualTo(store));
	}

	/** DOWN as the readiness group's indicators report it, with the reason. */
	private static void assertDown(StoreAvailability availability, String reason) {
		assertThat(availability.reason()).isEqualTo(reason);
		assertThat(StoreHealth.of(availability).getStatus()).isEqualTo(Status.DOWN);
	}

	private String checkpointSha256() {
		return database.database()
			.jdbc()
			.sql("select sha256 from job_checkpoint where job_id = 'j-1'")
			.query(String.class)
			.single();
	}

	/** What runs before a data set file is written. */
	@FunctionalInterface
	private interface BeforeFile {

		void run(String file) throws IOException;

	}

	@FunctionalInterface
	private interface ServerStop {

		void run() throws IOException;

	}

	/** Stops a server as the third of the four files (test images) is written. */
	private static BeforeFile stopAtThirdFile(ServerStop stop) {
		return (file) -> {
			if (file.equals(Mnist.TEST_IMAGES)) {
				stop.run();
			}
		};
	}

	/** Creates a data set of four 64-byte files, in the store's order of files. */
	private void create(String name, BeforeFile beforeFile) throws IOException {
		Map<String, String> checksums = new TreeMap<>();
		Map<String, BlobWriter> writers = new TreeMap<>();
		for (String file : List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS)) {
			byte[] content = new byte[64];
			content[0] = (byte) file.length();
			content[1] = (byte) name.hashCode();
			checksums.put(file, Sha256.hex(content));
			writers.put(file, (out) -> {
				beforeFile.run(file);
				out.write(content);
			});
		}
		List<Integer> counts = List.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		this.datasets.create(new DatasetDescription(name, false, Instant.parse("2026-12-03T10:00:00Z"), "idx", 1, 1,
				counts, counts, checksums), writers);
	}

	private static Job job(String id) {
		Instant created = Instant.parse("2026-12-03T09:00:00.123456Z");
		return new Job(id, JobState.RUNNING, JobRequest.empty().withDefaults(new Random(3), "PT5M"), List.of(), null,
				null, created, created.plusSeconds(1), null, null);
	}

	private static Sweep sweep(String id) {
		SweepRequest request = new SweepRequest(JobRequest.empty().withDefaults(new Random(5), "PT5M"),
				Map.of("learningRate", new SweepRequest.Range(null, 0.01, 1.0, "log", null)), "random", 7L, 2, 1, 0,
				"PT30M", null, null);
		return new Sweep(id, SweepState.RUNNING, request, List.of(), null, null, null,
				Instant.parse("2026-12-03T09:30:00Z"), null, "ops");
	}

}
