package dev.descent.jobs;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochListener;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.OptimizerState;
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
		this.store = FileStores.jobs(this.dataDir, JsonMapper.builder().build());
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
		return start(queueCapacity, true);
	}

	private JobService start(int queueCapacity, boolean resume) {
		return start(queueCapacity, resume, Duration.ofSeconds(10));
	}

	private JobService start(int queueCapacity, boolean resume, Duration shutdownWait) {
		JobsProperties properties = new JobsProperties(1, queueCapacity, 5_000_000, 1000, null, Duration.ofSeconds(7),
				shutdownWait, resume, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));
		this.service = new JobService(properties, this.store, this.trainer,
				new TrainingMetrics(this.registry, new MetricsProperties(20)), this.datasets);
		this.service.start();
		return this.service;
	}

	@Test
	void succeedsRecordingHistoryModelAndTheEffectiveRequest() throws IOException {
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			EpochListener listener = invocation.getArgument(3);
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
		assertThat(request).isEqualTo(
				new JobRequest("mnist", "mnist", List.of(784, 30, 10), 30, 10, 3.0, "quadratic", "sigmoid", "sigmoid",
						"scaled", "sgd", 0.9, 0.9, 0.999, 1e-8, 0.0, request.seed(), 60000, 0, null, null, 0, 1.0));
	}

	@Test
	void defaultsAreDeterministicExceptForADrawnSeed() {
		JobRequest partial = new JobRequest(null, null, List.of(784, 100, 10), 5, null, 0.5, "cross-entropy", null,
				"softmax", null, "adam", null, null, null, null, null, 42L, 1000, null, "PT1M", null, null);
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
				assertThat(ex.reason()).isEqualTo(JobsUnavailableException.Reason.QUEUE_FULL);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(7));
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
	void cancellingARunningJobStopsItsTrainer() throws IOException {
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
				null, null, null, null, null, null, null, "PT0.05S", null, null);
		Job job = start(4).submit(request);
		Job failed = awaitState(job.id(), JobState.FAILED);
		assertThat(failed.error()).isEqualTo("time limit PT0.05S exceeded");
		assertThat(failed.model()).isNull();
	}

	@Test
	void withoutResumeARestartFailsRunningJobsAndRequeuesQueuedOnes() throws Exception {
		Instant now = Instant.now();
		Job running = Job.queued("j-running", JobRequest.empty().withDefaults(new Random(1), null), now).started(now);
		Job queued = Job.queued("j-queued", JobRequest.empty().withDefaults(new Random(2), null), now);
		this.store.save(running);
		new Checkpoints(this.store).save("j-running", "sgd", checkpoint(running.request(), 1));
		this.store.save(queued);
		given(this.trainer.train(any(), any(), any(), any())).willReturn(new ModelRef("mnist", 1));
		JobService jobs = start(4, false);
		assertThat(jobs.get("j-running").state()).isEqualTo(JobState.FAILED);
		assertThat(jobs.get("j-running").error()).isEqualTo(JobService.INTERRUPTED);
		awaitState("j-queued", JobState.SUCCEEDED);
		JobStore reread = FileStores.jobs(this.dataDir, JsonMapper.builder().build());
		assertThat(reread.loadAll()).extracting(Job::state)
			.containsExactlyInAnyOrder(JobState.FAILED, JobState.SUCCEEDED);
		assertThat(reread.checkpointIds()).isEmpty();
	}

	@Test
	void aRestartResumesARunningJobFromItsCheckpointWithItsHistory() throws Exception {
		JobRequest request = request(3);
		Instant firstStart = Instant.parse("2026-01-02T03:04:05Z");
		// the checkpoint of epoch 2 was written, the crash came before the record counted
		// it
		Job running = Job.queued("j-running", request, firstStart)
			.started(firstStart)
			.withEpoch(new EpochResult(1, 0.5, 80, 100, 0.1));
		this.store.save(running);
		new Checkpoints(this.store).save("j-running", "sgd", checkpoint(request, 2));
		List<Checkpoint> resumedFrom = new ArrayList<>();
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			resumedFrom.add(invocation.getArgument(1));
			Job job = invocation.getArgument(0);
			assertThat(job.epochsCompleted()).isEqualTo(2);
			// the metrics show the resumed epochs before the next one ends
			assertThat(this.registry.get("descent.training.epochs.completed").tag("job", "j-running").gauge().value())
				.isEqualTo(2.0);
			EpochListener listener = invocation.getArgument(3);
			Checkpoint last = checkpoint(request, 3);
			listener.onCheckpoint(last);
			listener.onEpoch(last.history().get(2), last.network());
			return new ModelRef("mnist", 7);
		});
		JobService jobs = start(4);
		Job done = awaitState("j-running", JobState.SUCCEEDED);
		assertThat(resumedFrom).singleElement().satisfies((checkpoint) -> {
			assertThat(checkpoint.epochsCompleted()).isEqualTo(2);
			assertThat(checkpoint.network().weights(0).get(3, 4)).isEqualTo(0.25);
		});
		assertThat(done.history()).extracting(Job.Epoch::epoch).containsExactly(1, 2, 3);
		assertThat(done.history()).extracting(Job.Epoch::cost).containsExactly(1.0, 0.5, 1.0 / 3);
		assertThat(done.epochsCompleted()).isEqualTo(3);
		assertThat(done.startedAt()).isEqualTo(firstStart);
		assertThat(done.model()).isEqualTo(new ModelRef("mnist", 7));
		awaitNoCheckpoints();
		assertThat(jobs.count(JobState.RUNNING)).isZero();
	}

	@Test
	void aJobInterruptedBeforeItsFirstEpochEndedStartsAgainFromItsSeed() throws Exception {
		Instant now = Instant.now();
		this.store.save(Job.queued("j-running", request(3), now).started(now));
		List<Checkpoint> resumedFrom = new ArrayList<>();
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			resumedFrom.add(invocation.getArgument(1));
			return new ModelRef("mnist", 1);
		});
		start(4);
		awaitState("j-running", JobState.SUCCEEDED);
		assertThat(resumedFrom).containsExactly((Checkpoint) null);
	}

	@Test
	void aCorruptCheckpointFailsItsJobAsInterruptedAndTheServiceStarts() throws Exception {
		Instant now = Instant.now();
		JobRequest request = request(3);
		Job running = Job.queued("j-running", request, now)
			.started(now)
			.withEpoch(new EpochResult(1, 1.0, 80, 100, 0.1));
		this.store.save(running);
		new Checkpoints(this.store).save("j-running", "sgd", checkpoint(request, 1));
		Path file = this.dataDir.resolve("jobs/j-running.checkpoint");
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 1;
		Files.write(file, bytes);
		Job queued = Job.queued("j-queued", request, now.plusSeconds(1));
		this.store.save(queued);
		given(this.trainer.train(any(), any(), any(), any())).willReturn(new ModelRef("mnist", 1));
		JobService jobs = start(4);
		assertThat(jobs.get("j-running").state()).isEqualTo(JobState.FAILED);
		assertThat(jobs.get("j-running").error()).isEqualTo(JobService.INTERRUPTED);
		assertThat(jobs.get("j-running").history()).hasSize(1);
		awaitState("j-queued", JobState.SUCCEEDED);
		awaitNoCheckpoints();
	}

	@Test
	void aJobThatFinishedEpochsButHasNoCheckpointFailsAsInterrupted() throws Exception {
		Instant now = Instant.now();
		this.store.save(
				Job.queued("j-running", request(3), now).started(now).withEpoch(new EpochResult(1, 1.0, 80, 100, 0.1)));
		JobService jobs = start(4);
		assertThat(jobs.get("j-running").state()).isEqualTo(JobState.FAILED);
		assertThat(jobs.get("j-running").error()).isEqualTo(JobService.INTERRUPTED);
	}

	@Test
	void theCheckpointIsWrittenBeforeTheEpochIsRecordedAndDeletedWhenTheJobEnds() {
		List<Boolean> checkpointedFirst = new ArrayList<>();
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			Job job = invocation.getArgument(0);
			EpochListener listener = invocation.getArgument(3);
			Checkpoint checkpoint = checkpoint(job.request(), 1);
			listener.onCheckpoint(checkpoint);
			checkpointedFirst.add(
					this.store.checkpointIds().contains(job.id()) && this.service.get(job.id()).epochsCompleted() == 0);
			listener.onEpoch(checkpoint.history().get(0), checkpoint.network());
			return new ModelRef("mnist", 1);
		});
		Job job = start(4).submit(request(3));
		awaitState(job.id(), JobState.SUCCEEDED);
		assertThat(checkpointedFirst).containsExactly(true);
		awaitNoCheckpoints();
	}

	@Test
	void withoutResumeNoCheckpointIsWritten() {
		List<Boolean> written = new ArrayList<>();
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			Job job = invocation.getArgument(0);
			EpochListener listener = invocation.getArgument(3);
			listener.onCheckpoint(checkpoint(job.request(), 1));
			written.add(this.store.checkpointIds().contains(job.id()));
			return new ModelRef("mnist", 1);
		});
		Job job = start(4, false).submit(request(3));
		awaitState(job.id(), JobState.SUCCEEDED);
		assertThat(written).containsExactly(false);
	}

	@Test
	void aCancelledJobNeverResumes() throws Exception {
		CountDownLatch checkpointed = new CountDownLatch(1);
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			Job job = invocation.getArgument(0);
			JobRun run = invocation.getArgument(2);
			EpochListener listener = invocation.getArgument(3);
			Checkpoint checkpoint = checkpoint(job.request(), 1);
			listener.onCheckpoint(checkpoint);
			listener.onEpoch(checkpoint.history().get(0), checkpoint.network());
			checkpointed.countDown();
			while (!run.stopCheck().getAsBoolean()) {
				Thread.onSpinWait();
			}
			throw new TrainingCancelledException(1);
		});
		JobService jobs = start(4);
		Job job = jobs.submit(request(3));
		assertThat(checkpointed.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(jobs.cancel(job.id()).state()).isEqualTo(JobState.CANCELLED);
		await().atMost(10, TimeUnit.SECONDS).until(() -> jobs.count(JobState.RUNNING) == 0);
		awaitNoCheckpoints();
		jobs.stop();
		// a checkpoint left by a crash after the cancellation was recorded
		new Checkpoints(this.store).save(job.id(), "sgd", checkpoint(job.request(), 1));
		JobService restarted = start(4);
		assertThat(restarted.get(job.id()).state()).isEqualTo(JobState.CANCELLED);
		assertThat(this.store.checkpointIds()).isEmpty();
	}

	@Test
	void shuttingDownLeavesRunningJobsQueuedToResumeAndKeepsQueuedOnes() throws Exception {
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			Job job = invocation.getArgument(0);
			JobRun run = invocation.getArgument(2);
			EpochListener listener = invocation.getArgument(3);
			if (invocation.getArgument(1) != null) {
				return new ModelRef("mnist", 2); // resumed after the restart
			}
			Checkpoint checkpoint = checkpoint(job.request(), 1);
			listener.onCheckpoint(checkpoint);
			listener.onEpoch(checkpoint.history().get(0), checkpoint.network());
			while (!run.stopCheck().getAsBoolean()) {
				Thread.onSpinWait();
			}
			throw new TrainingCancelledException(1);
		});
		JobService jobs = start(4);
		Job running = jobs.submit(request(3));
		await().atMost(10, TimeUnit.SECONDS).until(() -> jobs.get(running.id()).epochsCompleted() == 1);
		Job queued = jobs.submit(request(3));
		jobs.stop();
		Job stopped = jobs.get(running.id());
		assertThat(stopped.state()).isEqualTo(JobState.QUEUED);
		assertThat(stopped.error()).isNull();
		assertThat(stopped.epochsCompleted()).isEqualTo(1);
		assertThat(this.store.checkpointIds()).containsExactly(running.id());
		assertThat(jobs.get(queued.id()).state()).isEqualTo(JobState.QUEUED);
		assertThatExceptionOfType(JobsUnavailableException.class).isThrownBy(() -> jobs.submit(JobRequest.empty()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JobsUnavailableException.Reason.SHUTTING_DOWN));
		start(4);
		assertThat(awaitState(running.id(), JobState.SUCCEEDED).model()).isEqualTo(new ModelRef("mnist", 2));
		assertThat(this.service.get(running.id()).history()).extracting(Job.Epoch::epoch).containsExactly(1);
	}

	@Test
	void aJobWhoseThreadIgnoresTheStopIsStillRecordedResumable() throws Exception {
		CountDownLatch training = new CountDownLatch(1);
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			Job job = invocation.getArgument(0);
			EpochListener listener = invocation.getArgument(3);
			Checkpoint checkpoint = checkpoint(job.request(), 1);
			listener.onCheckpoint(checkpoint);
			listener.onEpoch(checkpoint.history().get(0), checkpoint.network());
			training.countDown();
			// deaf to the stop check, e.g. stuck in a long mini-batch
			this.release.await();
			throw new TrainingCancelledException(1);
		});
		JobService jobs = start(4, true, Duration.ofMillis(200));
		Job running = jobs.submit(request(3));
		assertThat(training.await(10, TimeUnit.SECONDS)).isTrue();
		long before = System.nanoTime();
		jobs.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
		Job stopped = jobs.get(running.id());
		assertThat(stopped.state()).isEqualTo(JobState.QUEUED);
		assertThat(stopped.error()).isNull();
		assertThat(stopped.finishedAt()).isNull();
		assertThat(stopped.epochsCompleted()).isEqualTo(1);
		assertThat(this.store.loadAll()).singleElement()
			.satisfies((stored) -> assertThat(stored.state()).isEqualTo(JobState.QUEUED));
		assertThat(this.store.checkpointIds()).containsExactly(running.id());
	}

	@Test
	void withoutResumeAJobWhoseThreadIgnoresTheStopFails() throws Exception {
		CountDownLatch training = new CountDownLatch(1);
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			training.countDown();
			this.release.await();
			throw new TrainingCancelledException(0);
		});
		JobService jobs = start(4, false, Duration.ofMillis(200));
		Job running = jobs.submit(request(3));
		assertThat(training.await(10, TimeUnit.SECONDS)).isTrue();
		jobs.stop();
		assertThat(jobs.get(running.id()).state()).isEqualTo(JobState.FAILED);
		assertThat(jobs.get(running.id()).error()).isEqualTo("interrupted: service shutting down");
	}

	@Test
	void withoutResumeShuttingDownFailsRunningJobsAndKeepsQueuedOnes() {
		trainUntilStopped();
		JobService jobs = start(4, false);
		Job running = jobs.submit(JobRequest.empty());
		awaitState(running.id(), JobState.RUNNING);
		Job queued = jobs.submit(JobRequest.empty());
		jobs.stop();
		assertThat(jobs.get(running.id()).error()).isEqualTo("interrupted: service shutting down");
		assertThat(jobs.get(queued.id()).state()).isEqualTo(JobState.QUEUED);
	}

	@Test
	void aTimeLimitCountsTheTrainingTimeOfTheEpochsResumedAfter() throws Exception {
		JobRequest request = new JobRequest(null, null, null, 3, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, "PT5S", null, null)
			.withDefaults(new Random(1), null);
		Instant now = Instant.now();
		this.store.save(Job.queued("j-running", request, now).started(now));
		// two epochs of 3 seconds each: the limit is spent
		new Checkpoints(this.store).save("j-running", "sgd", checkpoint(request, 2, 3.0));
		trainUntilStopped();
		long started = System.nanoTime();
		start(4);
		Job failed = awaitState("j-running", JobState.FAILED);
		assertThat(failed.error()).isEqualTo("time limit PT5S exceeded");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(failed.history()).hasSize(2);
	}

	@Test
	void aFailingTrainerFailsTheJobWithItsReason() {
		given(this.trainer.train(any(), any(), any(), any()))
			.willThrow(new JobFailedException("MNIST is unavailable: no mirror answered", null));
		Job job = start(4).submit(JobRequest.empty());
		assertThat(awaitState(job.id(), JobState.FAILED).error()).isEqualTo("MNIST is unavailable: no mirror answered");
	}

	@Test
	void anUploadedDataSetCapsTheTrainingLimitAndIsInUseUntilTheJobEnds() throws IOException {
		given(this.datasets.trainingSize("mine")).willReturn(OptionalInt.of(300));
		blockTraining();
		JobRequest mine = new JobRequest(null, "mine", null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);
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
				null, null, null, null, null, null, null, null, null);
		assertThatExceptionOfType(InvalidDatasetException.class).isThrownBy(() -> start(4).submit(gone))
			.withMessage("dataset: no data set named 'gone'");
	}

	/** The default request with {@code epochs} epochs and a fixed seed. */
	private static JobRequest request(int epochs) {
		return new JobRequest(null, null, null, epochs, null, null, null, null, null, null, null, null, null, null,
				null, null, 5L, null, null, null, null, null)
			.withDefaults(new Random(1), null);
	}

	private static Checkpoint checkpoint(JobRequest request, int epochs) {
		return checkpoint(request, epochs, 0.1);
	}

	/**
	 * @return a checkpoint of a job with this request after {@code epochs}, epoch e
	 * costing 1/e and taking {@code seconds}
	 */
	private static Checkpoint checkpoint(JobRequest request, int epochs, double seconds) {
		Network network = Network.zeros(JobTrainer.configOf(request).network());
		network.setWeight(0, 3, 4, 0.25);
		List<EpochResult> history = new ArrayList<>();
		for (int epoch = 1; epoch <= epochs; epoch++) {
			history.add(new EpochResult(epoch, 1.0 / epoch, 80, 100, seconds));
		}
		return new Checkpoint(network, OptimizerState.NONE, history);
	}

	private void blockTraining() {
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
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
		given(this.trainer.train(any(), any(), any(), any())).willAnswer((invocation) -> {
			JobRun run = invocation.getArgument(2);
			while (!run.stopCheck().getAsBoolean()) {
				Thread.onSpinWait();
			}
			throw new TrainingCancelledException(0);
		});
	}

	/**
	 * The job's thread deletes its checkpoint after it records the final state (so a
	 * crash in between leaves a checkpoint that the next start deletes, never a final job
	 * that lost its checkpoint): wait for it.
	 */
	private void awaitNoCheckpoints() {
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(this.store.checkpointIds()).isEmpty());
	}

}
