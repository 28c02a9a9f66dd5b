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
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.DatasetUsage;
import dev.descent.datasets.InvalidDatasetException;
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
 * After a restart, a job that was RUNNING is FAILED ("interrupted"): its network was lost
 * with the process. A job that was still QUEUED is queued again when the service starts:
 * nothing of it had run, and the client was told it would.
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
		for (Job job : this.jobs.list(JobState.RUNNING)) {
			this.jobs.update(job.id(), (j) -> j.failed(INTERRUPTED, Instant.now()));
		}
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
			throw new InvalidDatasetException("dataset", "dataset: no data set named '" + request.dataset() + "'");
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
				throw new JobConflictException("job " + id + " has already finished (" + job.state() + ")");
			}
			JobRun run = this.executor.run(id);
			if (run != null && !run.stop(JobRun.Stop.CANCELLED)) {
				throw new JobConflictException("job " + id + " has finished training and is storing its model");
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
		run.started(job.startedAt());
		this.metrics.trainingStarted(id, job.request().model());
		try {
			ModelRef ref = this.trainer.train(job, run, (result, network) -> {
				this.jobs.update(id, (j) -> j.withEpoch(result));
				this.metrics.epochFinished(id, result);
			});
			this.jobs.update(id, (j) -> j.succeeded(ref, Instant.now()));
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.jobs.update(id, (j) -> ended(j, run, ex));
		}
		finally {
			this.executor.remove(id);
		}
	}

	/**
	 * @return the job after its training stopped with {@code ex}: CANCELLED when a client
	 * cancelled it, else FAILED with a reason fit for clients
	 */
	private static Job ended(Job job, JobRun run, Throwable ex) {
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
	 * Stops accepting jobs, stops the running ones (FAILED, "interrupted") and waits for
	 * them a bounded time; waiting jobs stay QUEUED for the next start.
	 */
	@Override
	public void stop() {
		this.running = false;
		try {
			for (JobRun run : this.executor.shutdown(this.properties.shutdownWait())) {
				this.jobs.update(run.jobId(), (j) -> j.failed(JobRun.SHUTTING_DOWN, Instant.now()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
