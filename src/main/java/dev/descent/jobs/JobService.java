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
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.DatasetUsage;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.metrics.TrainingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, queues them in a {@link JobQueue}, trains the ones the queue
 * hands to this replica and records every change; the jobs' facade. In filesystem mode
 * the queue is this process's ({@link LocalJobQueue}); in shared mode it is the shared
 * backend's, in PostgreSQL, and any replica with the {@code train} role trains any job.
 * What happens to jobs found at start is {@link JobRecovery}'s, the body of a run
 * {@link JobExecution}'s; here are submission, cancelling and the lifecycle.
 *
 * <p>
 * A job interrupted by a crash or a shutdown is queued again when the service starts and
 * resumes after its last checkpointed epoch, training exactly the network an
 * uninterrupted run would have. A cancelled job never resumes. A job that was QUEUED and
 * never started is queued again: nothing of it had run, and the client was told it would.
 */
@Service
public class JobService implements SmartLifecycle, DatasetUsage {

	private static final Logger logger = LoggerFactory.getLogger(JobService.class);

	static final String INTERRUPTED = JobRecovery.INTERRUPTED;

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final JobsProperties properties;

	private final JobRecords jobs;

	private final TrainingMetrics metrics;

	private final JobQueue queue;

	private final ReplicaProperties replica;

	/** The jobs training on this replica. */
	private final Map<String, JobRun> runs = new ConcurrentHashMap<>();

	private final JobExecution execution;

	private final DatasetProvider datasets;

	private volatile boolean running;

	/**
	 * Shared mode: polls the records of the jobs this replica follows but does not train,
	 * so that its listeners (event streams, sweeps) hear of epochs trained elsewhere.
	 */
	private ScheduledExecutorService watcher;

	/** A service on its own, queueing in this process. */
	JobService(JobsProperties properties, JobStore store, JobTrainer trainer, TrainingMetrics metrics,
			DatasetProvider datasets) {
		this(properties, store, trainer, metrics, datasets,
				new LocalJobQueue(properties.concurrency(), properties.queueCapacity()),
				ReplicaProperties.standalone());
	}

	/**
	 * @param queues the backend's queue when it has one (shared mode), else this
	 * process's
	 */
	@Autowired
	JobService(JobsProperties properties, JobStore store, JobTrainer trainer, TrainingMetrics metrics,
			DatasetProvider datasets, ObjectProvider<JobQueue> queues, ReplicaProperties replica) {
		this(properties, store, trainer, metrics, datasets,
				queues.getIfAvailable(() -> new LocalJobQueue(properties.concurrency(), properties.queueCapacity())),
				replica);
	}

	JobService(JobsProperties properties, JobStore store, JobTrainer trainer, TrainingMetrics metrics,
			DatasetProvider datasets, JobQueue queue, ReplicaProperties replica) {
		this.properties = properties;
		this.datasets = datasets;
		this.queue = queue;
		this.replica = replica;
		this.jobs = new JobRecords(store, queue.shared());
		this.metrics = metrics;
		this.execution = new JobExecution(this.jobs, trainer, metrics, properties.resume(), replica.worker(),
				properties.maxAttempts());
		if (!queue.shared()) {
			// in shared mode a RUNNING job may be training on another replica: the queue
			// resumes the ones whose replica died
			new JobRecovery(this.jobs, properties.resume()).recover();
		}
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
		return this.queue.offer(job);
	}

	/**
	 * Trains a job the queue handed to this replica, on the queue's thread.
	 * @return true when it stopped to shut down and must be queued again
	 */
	private boolean train(JobQueue.Claim claim) {
		String id = claim.jobId();
		if (!this.running) {
			return true; // handed out as the service stops: it stays queued
		}
		Job job;
		try {
			job = this.jobs.get(id);
		}
		catch (JobNotFoundException ex) {
			return false; // refused at submission
		}
		String limit = job.request().timeLimit();
		JobRun run = new JobRun(id, (limit != null) ? Duration.parse(limit) : null, claim,
				() -> this.queue.beginRegistering(id));
		this.runs.put(id, run);
		try {
			return this.execution.execute(run);
		}
		finally {
			this.runs.remove(id);
		}
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
		return this.queue.count(state).orElseGet(() -> this.jobs.count(state));
	}

	/**
	 * Cancels a queued or running job: it becomes CANCELLED at once, and a running job's
	 * trainer stops at its next mini-batch without registering a model, on whichever
	 * replica it trains.
	 * @throws JobConflictException when the job has finished or is registering its model
	 * @throws dev.descent.storage.StoreUnavailableException while the store cannot be
	 * reached
	 */
	public Job cancel(String id) {
		return cancel(id, null);
	}

	/**
	 * Cancels a job as {@link #cancel(String)} does, recording why in its {@code error},
	 * so that every replica reads the reason from the record.
	 * @param reason why the service cancels it, or {@code null}
	 */
	public Job cancel(String id, String reason) {
		return this.jobs.atomically(() -> {
			Job job = this.jobs.get(id);
			if (job.state().isFinal()) {
				throw new JobConflictException(id, "job " + id + " has already finished (" + job.state() + ")");
			}
			this.jobs.requireAvailable();
			JobRun run = this.runs.get(id);
			boolean stopped = (run != null) ? run.stop(JobRun.Stop.CANCELLED) : this.queue.requestCancel(id);
			if (!stopped) {
				throw new JobConflictException(id, "job " + id + " has finished training and is storing its model");
			}
			this.queue.withdraw(id);
			return this.jobs.update(id, (j) -> j.cancelled(Instant.now(), reason));
		});
	}

	/**
	 * Starts training the jobs the queue hands out (in shared mode only with the
	 * {@code train} role) and, in filesystem mode, queues again the jobs that were
	 * waiting when the service last stopped (in shared mode they are still queued).
	 */
	@Override
	public void start() {
		if (this.replica.trains() || !this.queue.shared()) {
			// before accepting jobs: in filesystem mode nothing is offered until then, in
			// shared mode a job claimed meanwhile is handed back at once
			this.queue.start(this::train);
		}
		this.running = true;
		if (this.queue.shared()) {
			watchOtherReplicas();
			return;
		}
		this.jobs.list(JobState.QUEUED)
			.stream()
			.sorted(Comparator.comparing(Job::createdAt))
			.filter((job) -> !enqueue(job))
			.forEach((job) -> this.jobs.update(job.id(),
					(j) -> j.failed("the queue was full when the service restarted", Instant.now())));
	}

	/**
	 * Shared mode: every {@code descent.jobs.poll-interval}, tells the listeners of the
	 * changes other replicas recorded to the jobs this one follows but does not train.
	 */
	private synchronized void watchOtherReplicas() {
		this.watcher = Executors.newSingleThreadScheduledExecutor(daemons("descent-job-watcher-"));
		long every = Math.max(1, this.properties.pollInterval().toMillis());
		this.watcher.scheduleWithFixedDelay(() -> {
			try {
				this.jobs.tellRemoteChanges(this.runs::containsKey);
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot follow the jobs of other replicas; trying again", ex);
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops accepting jobs, stops the running ones and waits for them a bounded time;
	 * waiting jobs stay QUEUED for the next start. A running job is recorded QUEUED, to
	 * resume from its checkpoint at the next start (FAILED "interrupted" when
	 * {@code descent.jobs.resume} is false), even when its thread has not stopped within
	 * the wait. In shared mode another replica resumes it.
	 */
	@Override
	public void stop() {
		this.running = false;
		synchronized (this) {
			if (this.watcher != null) {
				this.watcher.shutdownNow();
				this.watcher = null;
			}
		}
		try {
			this.queue.stop(() -> this.runs.values().forEach((run) -> run.stop(JobRun.Stop.SHUTDOWN)),
					this.properties.shutdownWait());
			for (JobRun run : List.copyOf(this.runs.values())) {
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

	/**
	 * @return a factory of daemon threads named {@code prefix} and a count, so that no
	 * thread of the job service keeps the JVM from exiting
	 */
	static ThreadFactory daemons(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
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
