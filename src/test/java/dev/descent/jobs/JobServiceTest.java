package dev.descent.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.engine.EpochListener;
import dev.descent.engine.EpochResult;
import dev.descent.engine.TrainingCancelledException;
import dev.descent.metrics.MetricsProperties;
import dev.descent.metrics.TrainingMetrics;
import dev.descent.models.ModelRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class JobServiceTest {

	@TempDir
	Path dataDir;

	private final JobTrainer trainer = mock(JobTrainer.class);

	private final DatasetProvider datasets = mock(DatasetProvider.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CountDownLatch release = new CountDownLatch(1);

	private JobStore store;

	private JobService service;

	@BeforeEach
	void setUp() throws IOException {
		this.store = new JobStore(this.dataDir, JsonMapper.builder().build());
		given(this.datasets.trainingSize("mnist")).willReturn(OptionalInt.of(60000));
	}

	@AfterEach
	void tearDown() {
		this.release.countDown();
		if (this.service != null) {
			this.service.stop();
		}
	}

	private JobService start(int queueCapacity) {
		JobsProperties properties = new JobsProperties(1, queueCapacity, 5_000_000, 1000, null, Duration.ofSeconds(7),
				Duration.ofSeconds(10));
		this.service = new JobService(properties, this.store, this.trainer,
				new TrainingMetrics(this.registry, new MetricsProperties(20)), this.datasets);
		this.service.start();
		return this.service;
	}

	@Test
	void succeedsRecordingHistoryModelAndTheEffectiveRequest() {
		given(this.trainer.train(any(), any(), any())).willAnswer((invocation) -> {
			EpochListener listener = invocation.getArgument(2);
			listener.onEpoch(new EpochResult(1, 0.5, 80, 100, 0.1), null);
			listener.onEpoch(new EpochResult(2, 0.25, 90, 100, 0.1), null);
			return new ModelRef("mnist", 1);
		});
		Job job = start(4).submit(JobRequest.empty());
		Job done = awaitState(job.id(), JobState.SUCCEEDED);
		assertThat(done.model()).isEqualTo(new ModelRef("mnist", 1));
		assertThat(done.history()).extracting(Job.Epoch::cost).containsExactly(0.5, 0.25);
		assertThat(done.epochsCompleted()).isEqualTo(2);
		assertThat(done.startedAt()).isNotNull();
		assertThat(done.finishedAt()).isNotNull();
		assertThat(this.store.loadAll()).containsExactly(done);
		assertThat(this.registry.get("descent.jobs.submitted").counter().count()).isEqualTo(1.0);
	}

	@Test
	void recordsTheSeedAndEveryDefault() {
		blockTraining();
		JobRequest request = start(4).submit(JobRequest.empty()).request();
		assertThat(request.seed()).isNotNull();
		assertThat(request).isEqualTo(new JobRequest("mnist", "mnist", List.of(784, 30, 10), 30, 10, 3.0, "quadratic",
				"sigmoid", "sigmoid", "normal", "sgd", 0.9, 0.9, 0.999, 1e-8, 0.0, request.seed(), 60000, 0, null));
	}

	@Test
	void defaultsAreDeterministicExceptForADrawnSeed() {
		JobRequest partial = new JobRequest(null, null, List.of(784, 100, 10), 5, null, 0.5, "cross-entropy", null,
				"softmax", null, "adam", null, null, null, null, null, 42L, 1000, null, "PT1M");
		JobRequest first = partial.withDefaults(new Random(1), null);
		assertThat(partial.withDefaults(new Random(2), "PT5M")).isEqualTo(first);
		assertThat(first.seed()).isEqualTo(42L);
		assertThat(first.timeLimit()).isEqualTo("PT1M");
		JobRequest noSeed = JobRequest.empty();
		assertThat(noSeed.withDefaults(new Random(7), null)).isEqualTo(noSeed.withDefaults(new Random(7), null));
		assertThat(noSeed.withDefaults(new Random(7), null).seed())
			.isNotEqualTo(noSeed.withDefaults(new Random(8), null).seed());
	}

	@Test
	void aFullQueueAnswers429AndKeepsNoRecord() throws Exception {
		blockTraining();
		JobService jobs = start(1);
		Job running = jobs.submit(JobRequest.empty());
		awaitState(running.id(), JobState.RUNNING);
		jobs.submit(JobRequest.empty());
		assertThatExceptionOfType(JobsUnavailableException.class).isThrownBy(() -> jobs.submit(JobRequest.empty()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("7");
			});
		assertThat(jobs.list(null)).hasSize(2);
		try (var files = Files.list(this.dataDir.resolve("jobs"))) {
			assertThat(files).hasSize(2);
		}
	}

	@Test
	void cancellingAQueuedJobTakesItOutOfTheQueue() {
		blockTraining();
		JobService jobs = start(1);
		Job running = jobs.submit(JobRequest.empty());
		awaitState(running.id(), JobState.RUNNING);
		Job queued = jobs.submit(JobRequest.empty());
		assertThat(jobs.cancel(queued.id()).state()).isEqualTo(JobState.CANCELLED);
		// the queue has room again
		Job next = jobs.submit(JobRequest.empty());
		assertThat(jobs.get(next.id()).state()).isEqualTo(JobState.QUEUED);
		assertThat(jobs.get(queued.id()).startedAt()).isNull();
	}

	@Test
	void cancellingARunningJobStopsItsTrainer() {
		trainUntilStopped();
		JobService jobs = start(4);
		Job job = jobs.submit(JobRequest.empty());
		awaitState(job.id(), JobState.RUNNING);
		assertThat(jobs.cancel(job.id()).state()).isEqualTo(JobState.CANCELLED);
		await().atMost(10, TimeUnit.SECONDS).until(() -> jobs.count(JobState.RUNNING) == 0);
		assertThat(this.store.loadAll()).singleElement().extracting(Job::state).isEqualTo(JobState.CANCELLED);
		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> jobs.cancel(job.id()));
	}

	@Test
	void aJobPastItsTimeLimitFails() {
		trainUntilStopped();
		JobRequest request = new JobRequest(null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, "PT0.05S");
		Job job = start(4).submit(request);
		Job failed = awaitState(job.id(), JobState.FAILED);
		assertThat(failed.error()).isEqualTo("time limit PT0.05S exceeded");
		assertThat(failed.model()).isNull();
	}

	@Test
	void aRestartFailsRunningJobsAndRequeuesQueuedOnes() throws Exception {
		Instant now = Instant.now();
		Job running = Job.queued("j-running", JobRequest.empty().withDefaults(new Random(1), null), now).started(now);
		Job queued = Job.queued("j-queued", JobRequest.empty().withDefaults(new Random(2), null), now);
		this.store.save(running);
		this.store.save(queued);
		given(this.trainer.train(any(), any(), any())).willReturn(new ModelRef("mnist", 1));
		JobService jobs = start(4);
		assertThat(jobs.get("j-running").state()).isEqualTo(JobState.FAILED);
		assertThat(jobs.get("j-running").error()).isEqualTo(JobService.INTERRUPTED);
		awaitState("j-queued", JobState.SUCCEEDED);
		JobStore reread = new JobStore(this.dataDir, JsonMapper.builder().build());
		assertThat(reread.loadAll()).extracting(Job::state)
			.containsExactlyInAnyOrder(JobState.FAILED, JobState.SUCCEEDED);
	}

	@Test
	void shuttingDownFailsRunningJobsAndKeepsQueuedOnes() {
		trainUntilStopped();
		JobService jobs = start(4);
		Job running = jobs.submit(JobRequest.empty());
		awaitState(running.id(), JobState.RUNNING);
		Job queued = jobs.submit(JobRequest.empty());
		jobs.stop();
		assertThat(jobs.get(running.id()).error()).isEqualTo("interrupted: service shutting down");
		assertThat(jobs.get(queued.id()).state()).isEqualTo(JobState.QUEUED);
		assertThatExceptionOfType(JobsUnavailableException.class).isThrownBy(() -> jobs.submit(JobRequest.empty()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
	}

	@Test
	void aFailingTrainerFailsTheJobWithItsReason() {
		given(this.trainer.train(any(), any(), any()))
			.willThrow(new JobFailedException("MNIST is unavailable: no mirror answered", null));
		Job job = start(4).submit(JobRequest.empty());
		assertThat(awaitState(job.id(), JobState.FAILED).error()).isEqualTo("MNIST is unavailable: no mirror answered");
	}

	@Test
	void anUploadedDataSetCapsTheTrainingLimitAndIsInUseUntilTheJobEnds() throws IOException {
		given(this.datasets.trainingSize("mine")).willReturn(OptionalInt.of(300));
		blockTraining();
		JobRequest mine = new JobRequest(null, "mine", null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null);
		Job job = start(4).submit(mine);
		assertThat(job.request().trainingLimit()).isEqualTo(300);
		assertThat(this.service.isDatasetInUse("mine")).isTrue();
		assertThat(this.service.isDatasetInUse("other")).isFalse();
		this.release.countDown();
		awaitState(job.id(), JobState.SUCCEEDED);
		assertThat(this.service.isDatasetInUse("mine")).isFalse();
	}

	@Test
	void aDataSetDeletedBeforeSubmissionIsAnInvalidField() {
		JobRequest gone = new JobRequest(null, "gone", null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null);
		assertThatExceptionOfType(InvalidDatasetException.class).isThrownBy(() -> start(4).submit(gone))
			.withMessage("dataset: no data set named 'gone'");
	}

	private void blockTraining() {
		given(this.trainer.train(any(), any(), any())).willAnswer((invocation) -> {
			this.release.await();
			return new ModelRef("mnist", 1);
		});
	}

	private Job awaitState(String id, JobState state) {
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.service.get(id).state() == state);
		return this.service.get(id);
	}

	/**
	 * Makes the trainer run until the job's stop check answers true, as the real one
	 * does.
	 */
	private void trainUntilStopped() {
		given(this.trainer.train(any(), any(), any())).willAnswer((invocation) -> {
			JobRun run = invocation.getArgument(1);
			while (!run.stopCheck().getAsBoolean()) {
				Thread.onSpinWait();
			}
			throw new TrainingCancelledException(0);
		});
	}

}
