package dev.descent.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import dev.descent.datasets.DatasetProvider;
import dev.descent.metrics.MetricsProperties;
import dev.descent.metrics.TrainingMetrics;
import dev.descent.models.ModelRef;
import dev.descent.storage.filesystem.FileStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What a replica does with a job the shared queue hands it while the job's record says
 * RUNNING on another worker (that worker stopped renewing its lease): it records a
 * failover resume and trains it, unless the job already failed over
 * {@code descent.jobs.max-attempts} times, when it is FAILED with that reason. The queue
 * here hands jobs out when the test says.
 */
class JobFailoverTest {

	@TempDir
	Path dataDir;

	private final JobTrainer trainer = mock(JobTrainer.class);

	private final DatasetProvider datasets = mock(DatasetProvider.class);

	private final HandingQueue queue = new HandingQueue();

	private JobStore store;

	@BeforeEach
	void setUp() throws IOException {
		this.store = FileStores.jobs(this.dataDir, JsonMapper.builder().build());
		given(this.datasets.trainingSize("mnist")).willReturn(OptionalInt.of(60000));
		given(this.trainer.train(any(), any(), any(), any())).willReturn(new ModelRef("mnist", 1));
	}

	@Test
	void aJobRunningOnADeadWorkerFailsOverAndRecordsTheResume() throws IOException {
		this.store.save(runningOn("a", 0));
		JobService service = start("b", 3);
		this.queue.hand("j-1");
		Job job = service.get("j-1");
		assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
		assertThat(job.worker()).isEqualTo("b");
		assertThat(job.resumes()).singleElement().satisfies((resume) -> {
			assertThat(resume.worker()).isEqualTo("b");
			assertThat(resume.failover()).isTrue();
			assertThat(resume.afterEpoch()).isZero();
		});
	}

	@Test
	void aJobThatFailedOverMaxAttemptsTimesIsFailedWithThatReason() throws IOException {
		this.store.save(runningOn("c", 3));
		JobService service = start("d", 3);
		this.queue.hand("j-1");
		Job job = service.get("j-1");
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.error()).contains("descent.jobs.max-attempts (3)");
		verify(this.trainer, never()).train(any(), any(), any(), any());
	}

	@Test
	void aQueuedJobStartsWithoutAResume() throws IOException {
		JobService service = start("e", 3);
		Job submitted = service.submit(JobRequest.empty());
		this.queue.hand(submitted.id());
		Job job = service.get(submitted.id());
		assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
		assertThat(job.worker()).isEqualTo("e");
		assertThat(job.resumes()).isEmpty();
	}

	@Test
	void aServeReplicaQueuesJobsButTrainsNone() {
		JobsProperties properties = new JobsProperties(1, 4, 5_000_000, 1000, null, Duration.ofSeconds(7),
				Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));
		JobService service = new JobService(properties, this.store, this.trainer,
				new TrainingMetrics(new SimpleMeterRegistry(), new MetricsProperties(20)), this.datasets, this.queue,
				new ReplicaProperties("s", Set.of(ReplicaProperties.Role.SERVE)));
		service.start();
		Job job = service.submit(JobRequest.empty());
		assertThat(job.state()).isEqualTo(JobState.QUEUED);
		assertThat(this.queue.worker).as("the queue was never started here").isNull();
	}

	private JobService start(String worker, int maxAttempts) {
		JobsProperties properties = new JobsProperties(1, 4, 5_000_000, 1000, null, Duration.ofSeconds(7),
				Duration.ofSeconds(10), true, Duration.ofSeconds(30), maxAttempts, Duration.ofSeconds(1));
		JobService service = new JobService(properties, this.store, this.trainer,
				new TrainingMetrics(new SimpleMeterRegistry(), new MetricsProperties(20)), this.datasets, this.queue,
				new ReplicaProperties(worker, Set.of(ReplicaProperties.Role.TRAIN)));
		service.start();
		return service;
	}

	/**
	 * A job that started on {@code worker} after failing over {@code failovers} times.
	 */
	private static Job runningOn(String worker, int failovers) {
		List<Job.Resume> resumes = new ArrayList<>();
		for (int i = 0; i < failovers; i++) {
			resumes.add(new Job.Resume(0, worker, Instant.now(), true));
		}
		return new Job("j-1", JobState.RUNNING, JobRequest.empty().withDefaults(new Random(3), null), List.of(), null,
				null, Instant.now(), Instant.now(), null, null, worker, resumes);
	}

	/** A shared queue whose jobs are handed out, on the test's thread, when it says. */
	private static final class HandingQueue implements JobQueue {

		private JobWorker worker;

		@Override
		public boolean offer(Job job) {
			return true;
		}

		@Override
		public void withdraw(String id) {
		}

		@Override
		public void start(JobWorker worker) {
			this.worker = worker;
		}

		@Override
		public void stop(Runnable stopRunning, Duration wait) {
			stopRunning.run();
		}

		@Override
		public boolean shared() {
			return true;
		}

		void hand(String id) {
			this.worker.train(() -> id);
		}

	}

}
