package dev.descent.storage.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.descent.jobs.Job;
import dev.descent.jobs.JobQueue;
import dev.descent.jobs.JobRequest;
import dev.descent.jobs.JobState;
import dev.descent.jobs.JobsProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared job queue on a real PostgreSQL, each "replica" a queue with its own
 * connection pool and db-scheduler: a job is claimed exactly once, a job whose replica
 * stopped renewing its lease is claimed by another, the capacity is global, and a cancel
 * requested through one replica reaches the claim on the other.
 */
class SharedJobQueueTest {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static TestDatabase database;

	private final List<TestDatabase> replicas = new CopyOnWriteArrayList<>();

	private final List<JobQueue> queues = new CopyOnWriteArrayList<>();

	private SharedJobStore store;

	@BeforeAll
	static void createDatabase() {
		database = SharedServers.database("queue");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	@BeforeEach
	void emptyTheQueue() {
		database.database().jdbc().sql("truncate job, scheduled_tasks").update();
		this.store = new SharedJobStore(database.database(), SharedServers.blobs("queue"),
				JsonMapper.builder().build());
	}

	@AfterEach
	void stopReplicas() throws Exception {
		for (JobQueue queue : this.queues) {
			queue.stop(() -> {
			}, Duration.ofSeconds(5));
		}
		this.replicas.forEach(TestDatabase::close);
	}

	/**
	 * Each job waits (at most 10 s) until both replicas have begun one. A replica claims
	 * no more jobs than it runs at once (2 here), so with its two held the other must
	 * claim: otherwise a fast replica could empty the queue alone and the test would not
	 * show two replicas sharing it.
	 */
	@Test
	void twoReplicasClaimEveryJobExactlyOnce() {
		Map<String, List<String>> trainedBy = new ConcurrentHashMap<>();
		Set<String> began = ConcurrentHashMap.newKeySet();
		CountDownLatch bothBegan = new CountDownLatch(2);
		JobQueue a = replica("a", 64);
		JobQueue b = replica("b", 64);
		a.start(meetingWorker("a", trainedBy, began, bothBegan));
		b.start(meetingWorker("b", trainedBy, began, bothBegan));
		List<String> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Job job = job("j-" + i);
			assertThat(((i % 2 == 0) ? a : b).offer(job)).isTrue();
			ids.add(job.id());
		}
		await().atMost(20, TimeUnit.SECONDS).until(() -> trainedBy.keySet().containsAll(ids) && tasks() == 0);
		assertThat(trainedBy).allSatisfy((id, workers) -> assertThat(workers).hasSize(1));
		assertThat(trainedBy.values().stream().flatMap(List::stream).distinct()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void aJobWhoseReplicaStoppedRenewingItsLeaseIsClaimedByAnother() {
		Job job = job("j-dead");
		JobQueue serving = replica("serve", 64);
		assertThat(serving.offer(job)).isTrue();
		// a replica claimed it and died: its heartbeat is older than the lease
		database.database()
			.jdbc()
			.sql("update scheduled_tasks set picked = true, picked_by = 'dead', version = version + 1,"
					+ " last_heartbeat = now() - interval '10 seconds' where task_instance = :id")
			.param("id", job.id())
			.update();
		Map<String, List<String>> trainedBy = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		replica("b", 64).start(recordingWorker("b", trainedBy));
		await().atMost(10, TimeUnit.SECONDS).until(() -> trainedBy.containsKey(job.id()));
		Duration reclaimed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(trainedBy.get(job.id())).containsExactly("b");
		assertThat(reclaimed).isLessThan(LEASE.multipliedBy(5));
	}

	@Test
	void theCapacityCountsTheJobsWaitingOnEveryReplica() {
		JobQueue a = replica("a", 2);
		JobQueue b = replica("b", 2);
		assertThat(a.offer(job("j-1"))).isTrue();
		assertThat(b.offer(job("j-2"))).isTrue();
		assertThat(a.offer(job("j-3"))).isFalse();
		assertThat(b.offer(job("j-4"))).isFalse();
		b.withdraw("j-1");
		assertThat(b.offer(job("j-4"))).isTrue();
		assertThat(a.count(JobState.QUEUED)).hasValue(4);
	}

	@Test
	void aCancelRequestedOnOneReplicaReachesTheClaimOnAnother() {
		Job job = job("j-cancel");
		JobQueue a = replica("a", 64);
		JobQueue b = replica("b", 64);
		Map<String, Instant> seen = new ConcurrentHashMap<>();
		a.start((claim) -> {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (!claim.cancelRequested() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			seen.put(claim.jobId(), Instant.now());
			return false;
		});
		assertThat(b.offer(job)).isTrue();
		await().atMost(10, TimeUnit.SECONDS).until(() -> picked(job.id()));
		Instant requested = Instant.now();
		assertThat(b.requestCancel(job.id())).isTrue();
		await().atMost(5, TimeUnit.SECONDS).until(() -> seen.containsKey(job.id()));
		assertThat(Duration.between(requested, seen.get(job.id()))).isLessThan(Duration.ofSeconds(1));
		assertThat(a.beginRegistering(job.id())).as("a cancelled job cannot begin registering").isFalse();
	}

	@Test
	void aJobThatBeganRegisteringCannotBeCancelled() {
		Job job = job("j-registering");
		JobQueue a = replica("a", 64);
		assertThat(a.beginRegistering(job.id())).isTrue();
		assertThat(a.requestCancel(job.id())).isFalse();
	}

	private JobQueue.JobWorker meetingWorker(String name, Map<String, List<String>> trainedBy, Set<String> began,
			CountDownLatch bothBegan) {
		JobQueue.JobWorker recording = recordingWorker(name, trainedBy);
		return (claim) -> {
			if (began.add(name)) {
				bothBegan.countDown();
			}
			try {
				bothBegan.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return recording.train(claim);
		};
	}

	private JobQueue.JobWorker recordingWorker(String name, Map<String, List<String>> trainedBy) {
		return (claim) -> {
			trainedBy.computeIfAbsent(claim.jobId(), (id) -> new CopyOnWriteArrayList<>()).add(name);
			return false;
		};
	}

	/** A replica's queue, with its own pool; {@code concurrency} 2. */
	private JobQueue replica(String name, int capacity) {
		TestDatabase pool = database.replica();
		this.replicas.add(pool);
		JobsProperties properties = new JobsProperties(2, capacity, 5_000_000, 1000, null, Duration.ofSeconds(1),
				Duration.ofSeconds(5), true, LEASE, 3, Duration.ofMillis(100));
		JobQueue queue = new SharedJobQueue(pool.database(), properties, name);
		this.queues.add(queue);
		return queue;
	}

	/** A job recorded QUEUED, as the service records it before offering it. */
	private Job job(String id) {
		Job job = new Job(id, JobState.QUEUED, JobRequest.empty().withDefaults(new Random(3), "PT5M"), List.of(), null,
				null, Instant.now(), null, null, null);
		this.store.save(job);
		return job;
	}

	private long tasks() {
		return database.database().jdbc().sql("select count(*) from scheduled_tasks").query(Long.class).single();
	}

	private boolean picked(String id) {
		return database.database()
			.jdbc()
			.sql("select count(*) from scheduled_tasks where task_instance = :id and picked")
			.param("id", id)
			.query(Long.class)
			.single() == 1;
	}

}
