package dev.descent.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.DatasetUsage;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochListener;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.TrainingCancelledException;
import dev.descent.metrics.TrainingMetrics;
import dev.descent.models.ModelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, runs them on a bounded executor and records every change.
 *
 * <p>
 * After every finished epoch a running job's checkpoint (network, optimiser state and
 * history) is written next to its record, before the record counts the epoch; it is
 * deleted when the job ends. A job interrupted by a crash (found RUNNING at start) or by
 * a shutdown (recorded QUEUED by {@link #stop}) is queued again when the service starts
 * and resumes after the checkpoint's last epoch, with the checkpoint's history; one that
 * had finished no epoch starts again from its recorded seed. Either way it trains exactly
 * the network an uninterrupted run would have. A job whose checkpoint is expected (it had
 * finished epochs) but missing, unreadable, corrupt or of another job is FAILED
 * "interrupted", as every interrupted job is with {@code descent.jobs.resume} false; a
 * problem with one checkpoint never stops the service from starting. A cancelled job
 * never resumes. A job that was QUEUED and never started is queued again: nothing of it
 * had run, and the client was told it would.
 *
 * <p>
 * A job's time limit bounds its training time across resumes: the training seconds of the
 * epochs it resumes after count against it, the time the service was down and the
 * unfinished epoch that was lost do not.
 */
@Service
public class JobService implements SmartLifecycle, DatasetUsage {

	static final String INTERRUPTED = "interrupted: the service stopped while the job was running";

	private static final Logger logger = LoggerFactory.getLogger(JobService.class);

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final JobsProperties properties;

	private final JobRecords jobs;

	private final JobTrainer trainer;

	private final TrainingMetrics metrics;

	private final JobExecutor executor;

	private final DatasetProvider datasets;

	private volatile boolean running;

	JobService(JobsProperties properties, JobStore store, JobTrainer trainer, TrainingMetrics metrics,
			DatasetProvider datasets) {
		this.properties = properties;
		this.datasets = datasets;
		this.jobs = new JobRecords(store);
		this.trainer = trainer;
		this.metrics = metrics;
		this.executor = new JobExecutor(properties.concurrency(), properties.queueCapacity());
		Set<String> checkpoints = store.checkpointIds();
		for (Job job : this.jobs.list(null)) {
			if (job.state() == JobState.RUNNING || (job.state() == JobState.QUEUED
					&& (job.epochsCompleted() > 0 || checkpoints.contains(job.id())))) {
				this.jobs.update(job.id(), (j) -> interrupted(j, store));
			}
		}
		for (String id : checkpoints) {
			if (!this.jobs.contains(id) || this.jobs.get(id).state() != JobState.QUEUED) {
				this.jobs.deleteCheckpoint(id);
			}
		}
	}

	/**
	 * @return a job that was interrupted, found at start: QUEUED with the history of its
	 * checkpoint when it can resume, else FAILED "interrupted"
	 */
	private Job interrupted(Job job, JobStore store) {
		if (!this.properties.resume()) {
			return job.failed(INTERRUPTED, Instant.now());
		}
		try {
			Optional<Checkpoint> checkpoint = store.loadCheckpoint(job.id(), JobTrainer.configOf(job.request()));
			if (checkpoint.isPresent()) {
				logger.info("Job {} was interrupted; it will resume after epoch {}", job.id(),
						checkpoint.get().epochsCompleted());
				return job.withHistory(checkpoint.get().history()).requeued();
			}
			if (job.epochsCompleted() == 0) {
				logger.info("Job {} was interrupted before its first epoch ended; it will start again", job.id());
				return job.requeued();
			}
			logger.warn("Job {} was interrupted after {} epochs but has no checkpoint; it is FAILED", job.id(),
					job.epochsCompleted());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Job {} was interrupted and cannot resume; it is FAILED: {}", job.id(), ex.toString());
		}
		return job.failed(INTERRUPTED, Instant.now());
	}

	/**
	 * Accepts a job; it records the effective request (every default filled in, the seed
	 * drawn when absent).
	 * @param request a validated request
	 * @throws JobsUnavailableException when the queue is full or the service stops
	 */
	public Job submit(JobRequest request) {
		if (!this.running) {
			throw JobsUnavailableException.shuttingDown(this.properties.retryAfter());
		}
		Duration defaultLimit = this.properties.defaultTimeLimit();
		JobRequest effective = capTrainingLimit(request.withDefaults(ThreadLocalRandom.current(),
				(defaultLimit != null) ? defaultLimit.toString() : null));
		String id = newId();
		Job job = this.jobs.update(id, (absent) -> Job.queued(id, effective, Instant.now()));
		if (!enqueue(job)) {
			this.jobs.remove(job.id());
			throw JobsUnavailableException.queueFull(this.properties.queueCapacity(), this.properties.retryAfter());
		}
		this.metrics.jobSubmitted();
		return job;
	}

	/** A data set smaller than {@code trainingLimit} trains on all its examples. */
	private JobRequest capTrainingLimit(JobRequest request) {
		OptionalInt size;
		try {
			size = this.datasets.trainingSize(request.dataset());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (size.isEmpty()) {
			throw new InvalidDatasetException("dataset", "no data set named '" + request.dataset() + "'");
		}
		return request.withTrainingLimit(Math.min(request.trainingLimit(), size.getAsInt()));
	}

	/**
	 * @return whether a queued or running job trains on the data set {@code name}
	 */
	@Override
	public boolean isDatasetInUse(String name) {
		return Stream.of(JobState.QUEUED, JobState.RUNNING)
			.flatMap((state) -> this.jobs.list(state).stream())
			.anyMatch((job) -> name.equals(job.request().dataset()));
	}

	private boolean enqueue(Job job) {
		String limit = job.request().timeLimit();
		return this.executor.offer(new JobRun(job.id(), (limit != null) ? Duration.parse(limit) : null, this::execute));
	}

	/**
	 * @throws JobNotFoundException when no job has this id
	 */
	public Job get(String id) {
		return this.jobs.get(id);
	}

	/**
	 * @param state only jobs in this state, all when {@code null}
	 * @return newest first
	 */
	public List<Job> list(JobState state) {
		return this.jobs.list(state);
	}

	/**
	 * @return how many jobs are in this state
	 */
	public long count(JobState state) {
		return this.jobs.count(state);
	}

	/**
	 * Cancels a queued or running job: it becomes CANCELLED at once, and a running job's
	 * trainer stops at its next mini-batch without registering a model.
	 * @throws JobConflictException when the job has finished or is registering its model
	 */
	public Job cancel(String id) {
		return this.jobs.atomically(() -> {
			Job job = this.jobs.get(id);
			if (job.state().isFinal()) {
				throw new JobConflictException(id, "job " + id + " has already finished (" + job.state() + ")");
			}
			JobRun run = this.executor.run(id);
			if (run != null && !run.stop(JobRun.Stop.CANCELLED)) {
				throw new JobConflictException(id, "job " + id + " has finished training and is storing its model");
			}
			this.executor.remove(id);
			return this.jobs.update(id, (j) -> j.cancelled(Instant.now()));
		});
	}

	private void execute(JobRun run) {
		String id = run.jobId();
		Job job = this.jobs.update(id, (j) -> (j.state() == JobState.QUEUED) ? j.started(Instant.now()) : j);
		if (job.state() != JobState.RUNNING) {
			return; // cancelled while it waited
		}
		try {
			Checkpoint checkpoint = checkpointToResume(job);
			if (checkpoint != null) {
				logger.info("Job {} resumes after epoch {}", id, checkpoint.epochsCompleted());
				// normally the history the start already set, and then nothing is written
				job = this.jobs.update(id, (j) -> j.withHistory(checkpoint.history()));
			}
			run.started(Instant.now(), trainingTime(job));
			this.metrics.trainingStarted(id, job.request().model(),
					(checkpoint != null) ? checkpoint.history() : List.of());
			ModelRef ref = this.trainer.train(job, checkpoint, run, listener(job));
			this.jobs.update(id, (j) -> j.succeeded(ref, Instant.now()));
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.jobs.update(id, (j) -> ended(j, run, ex));
		}
		finally {
			this.executor.remove(id);
			if (this.jobs.get(id).state().isFinal()) {
				// a checkpoint written as the job was cancelled
				this.jobs.deleteCheckpoint(id);
			}
		}
	}

	/**
	 * @return the checkpoint a job that finished epochs before it was interrupted resumes
	 * from, {@code null} for a job that starts from its first epoch
	 * @throws JobFailedException ("interrupted") when it has none or it cannot be read
	 */
	private Checkpoint checkpointToResume(Job job) {
		if (job.epochsCompleted() == 0) {
			return null;
		}
		try {
			return this.jobs.store()
				.loadCheckpoint(job.id(), JobTrainer.configOf(job.request()))
				.orElseThrow(() -> new InvalidCheckpointException(job.id() + ".checkpoint is missing"));
		}
		catch (IOException ex) {
			throw new JobFailedException(INTERRUPTED, ex);
		}
	}

	/** The training time a job already spent: the seconds of its finished epochs. */
	private static Duration trainingTime(Job job) {
		double seconds = job.history().stream().mapToDouble(Job.Epoch::seconds).sum();
		return Duration.ofNanos((long) (seconds * 1e9));
	}

	/**
	 * @return the listener that writes the job's checkpoint, then records its epoch
	 */
	private EpochListener listener(Job job) {
		String id = job.id();
		return new EpochListener() {

			@Override
			public void onCheckpoint(Checkpoint checkpoint) {
				if (!JobService.this.properties.resume()) {
					return;
				}
				try {
					JobService.this.jobs.store().saveCheckpoint(id, job.request().optimizer(), checkpoint);
				}
				catch (IOException ex) {
					logger.warn("Cannot write the checkpoint of job {} after epoch {}; it would resume from an "
							+ "earlier one", id, checkpoint.epochsCompleted(), ex);
				}
			}

			@Override
			public void onEpoch(EpochResult result, Network network) {
				JobService.this.jobs.update(id, (j) -> j.withEpoch(result));
				JobService.this.metrics.epochFinished(id, result);
			}

		};
	}

	/**
	 * @return the job after its training stopped with {@code ex}: CANCELLED when a client
	 * cancelled it, QUEUED to resume when the service is shutting down, else FAILED with
	 * a reason fit for clients
	 */
	private Job ended(Job job, JobRun run, Throwable ex) {
		if (ex instanceof TrainingCancelledException && run.stopReason() == JobRun.Stop.SHUTDOWN
				&& this.properties.resume()) {
			return job.requeued();
		}
		if (ex instanceof TrainingCancelledException) {
			String failure = run.failureMessage();
			return (failure != null) ? job.failed(failure, Instant.now()) : job.cancelled(Instant.now());
		}
		if (ex instanceof JobFailedException) {
			logger.warn("Job {} failed: {}", job.id(), ex.getMessage(), ex.getCause());
			return job.failed(ex.getMessage(), Instant.now());
		}
		logger.error("Job {} failed", job.id(), ex);
		return job.failed("training failed unexpectedly", Instant.now());
	}

	/** Queues again the jobs that were waiting when the service last stopped. */
	@Override
	public void start() {
		this.running = true;
		this.jobs.list(JobState.QUEUED)
			.stream()
			.sorted(Comparator.comparing(Job::createdAt))
			.filter((job) -> !enqueue(job))
			.forEach((job) -> this.jobs.update(job.id(),
					(j) -> j.failed("the queue was full when the service restarted", Instant.now())));
	}

	/**
	 * Stops accepting jobs, stops the running ones and waits for them a bounded time;
	 * waiting jobs stay QUEUED for the next start. A running job is recorded QUEUED, to
	 * resume from its checkpoint at the next start (FAILED "interrupted" when
	 * {@code descent.jobs.resume} is false), even when its thread has not stopped within
	 * the wait.
	 */
	@Override
	public void stop() {
		this.running = false;
		try {
			for (JobRun run : this.executor.shutdown(this.properties.shutdownWait())) {
				this.jobs.update(run.jobId(), (j) -> stillRunning(j, run));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return a job whose training had not stopped when the service stopped waiting
	 */
	private Job stillRunning(Job job, JobRun run) {
		if (this.properties.resume() && run.stopReason() != JobRun.Stop.TIME_LIMIT) {
			return job.requeued();
		}
		String failure = run.failureMessage();
		return job.failed((failure != null) ? failure : JobRun.SHUTTING_DOWN, Instant.now());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private String newId() {
		byte[] random = new byte[3];
		String id;
		do {
			ThreadLocalRandom.current().nextBytes(random);
			id = "j-" + ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
		}
		while (this.jobs.contains(id));
		return id;
	}

}
