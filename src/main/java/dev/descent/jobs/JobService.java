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
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.DatasetUsage;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.metrics.TrainingMetrics;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, runs them on a bounded executor and records every change; the
 * jobs' facade. What happens to jobs found at start is {@link JobRecovery}'s, the body of
 * a run {@link JobExecution}'s; here are submission, cancelling and the lifecycle.
 *
 * <p>
 * A job interrupted by a crash or a shutdown is queued again when the service starts and
 * resumes after its last checkpointed epoch, training exactly the network an
 * uninterrupted run would have. A cancelled job never resumes. A job that was QUEUED and
 * never started is queued again: nothing of it had run, and the client was told it would.
 */
@Service
public class JobService implements SmartLifecycle, DatasetUsage {

	static final String INTERRUPTED = JobRecovery.INTERRUPTED;

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final JobsProperties properties;

	private final JobRecords jobs;

	private final TrainingMetrics metrics;

	private final JobExecutor executor;

	private final JobExecution execution;

	private final DatasetProvider datasets;

	private volatile boolean running;

	JobService(JobsProperties properties, JobStore store, JobTrainer trainer, TrainingMetrics metrics,
			DatasetProvider datasets) {
		this.properties = properties;
		this.datasets = datasets;
		this.jobs = new JobRecords(store);
		this.metrics = metrics;
		this.executor = new JobExecutor(properties.concurrency(), properties.queueCapacity());
		this.execution = new JobExecution(this.jobs, trainer, metrics, this.executor, properties.resume());
		new JobRecovery(this.jobs, properties.resume()).recover();
	}

	/**
	 * Accepts a job; it records the effective request (every default filled in, the seed
	 * drawn when absent).
	 * @param request a validated request
	 * @throws JobsUnavailableException when the queue is full or the service stops
	 */
	public Job submit(JobRequest request) {
		return submit(request, null);
	}

	/**
	 * Accepts a job that is a trial of a sweep; it is an ordinary job that records its
	 * sweep.
	 * @param request a validated request
	 * @param sweep the sweep's id, {@code null} for a job of its own
	 * @throws JobsUnavailableException when the queue is full or the service stops
	 * @throws dev.descent.storage.StoreUnavailableException when the job cannot be
	 * recorded because the store cannot be reached
	 */
	public Job submit(JobRequest request, String sweep) {
		if (!this.running) {
			throw JobsUnavailableException.shuttingDown(this.properties.retryAfter());
		}
		Duration defaultLimit = this.properties.defaultTimeLimit();
		JobRequest effective = capTrainingLimit(request.withDefaults(ThreadLocalRandom.current(),
				(defaultLimit != null) ? defaultLimit.toString() : null));
		String id = newId();
		Job job = this.jobs.create(Job.queued(id, effective, Instant.now(), sweep));
		if (!enqueue(job)) {
			this.jobs.remove(job.id());
			throw JobsUnavailableException.queueFull(this.properties.queueCapacity(), this.properties.retryAfter());
		}
		this.metrics.jobSubmitted();
		return job;
	}

	/**
	 * A data set smaller than {@code trainingLimit} trains on all its examples but the
	 * validation set held out at its end.
	 */
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
		int trainable = size.getAsInt() - request.validationSize();
		if (trainable < 1) {
			throw new InvalidDatasetException("validationSize", "must be less than the " + size.getAsInt()
					+ " training images of data set '" + request.dataset() + "'");
		}
		return request.withTrainingLimit(Math.min(request.trainingLimit(), trainable));
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
		return this.executor
			.offer(new JobRun(job.id(), (limit != null) ? Duration.parse(limit) : null, this.execution::execute));
	}

	/**
	 * Adds a listener told of every change of every job (a new job, a state, a finished
	 * epoch), on the thread that made it, once it is recorded. A finished epoch is told
	 * on the job's training thread before the next epoch starts, so a listener that
	 * cancels the job there stops it before its next epoch; listeners must be quick.
	 */
	public void addListener(Consumer<Job> listener) {
		this.jobs.addListener(listener);
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
	 * @throws dev.descent.storage.StoreUnavailableException while the store cannot be
	 * reached
	 */
	public Job cancel(String id) {
		return this.jobs.atomically(() -> {
			Job job = this.jobs.get(id);
			if (job.state().isFinal()) {
				throw new JobConflictException(id, "job " + id + " has already finished (" + job.state() + ")");
			}
			this.jobs.requireAvailable();
			JobRun run = this.executor.run(id);
			if (run != null && !run.stop(JobRun.Stop.CANCELLED)) {
				throw new JobConflictException(id, "job " + id + " has finished training and is storing its model");
			}
			this.executor.remove(id);
			return this.jobs.update(id, (j) -> j.cancelled(Instant.now()));
		});
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
