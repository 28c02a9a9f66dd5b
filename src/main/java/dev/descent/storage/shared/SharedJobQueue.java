package dev.descent.storage.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobQueue;
import dev.descent.jobs.JobState;
import dev.descent.jobs.JobsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The job queue of the shared backend, on db-scheduler: each job is a one-time task
 * {@value #TASK} whose instance id is the job's id, in table {@code scheduled_tasks}
 * ({@code V3__job_queue.sql}). A replica with the {@code train} role runs a db-scheduler
 * {@link Scheduler} with {@code descent.jobs.concurrency} threads: it claims a due task
 * (marks it picked, optimistically, so exactly one replica gets it) and renews the task's
 * heartbeat every tenth of {@code descent.jobs.lease} while the job trains. A replica
 * that finds a heartbeat older than 8/10 of the lease (looking every fifth of it) revives
 * the task: it is due again, another replica claims it and the job resumes from its
 * checkpoint. A job that ends is removed; one this replica stopped to shut down is due
 * again at once.
 *
 * <p>
 * The capacity ({@code descent.jobs.queue-capacity}) counts the tasks not picked, on
 * every replica: offers take a transaction-scoped advisory lock, so that two replicas
 * cannot both take the last place. A cancel sets {@code job.cancel_requested}, which a
 * thread of the training replica reads every {@link #CANCEL_POLL}.
 */
public final class SharedJobQueue implements JobQueue {

	static final String TASK = "train-job";

	static final Duration CANCEL_POLL = Duration.ofMillis(200);

	/** db-scheduler's smallest: dead after 8 missed heartbeats. */
	static final int MISSED_HEARTBEATS = 8;

	/** Serialises offers of every replica (an arbitrary constant). */
	private static final long OFFER_LOCK = 0x64657363656e74L;

	private static final Logger logger = LoggerFactory.getLogger(SharedJobQueue.class);

	private final SharedDatabase database;

	private final JobsProperties properties;

	private final String worker;

	private final CustomTask<Void> task;

	private final SchedulerClient client;

	private final Map<String, SharedClaim> executing = new ConcurrentHashMap<>();

	private volatile JobWorker jobs;

	private Scheduler scheduler;

	private ScheduledExecutorService cancels;

	/**
	 * @param worker this replica's {@code descent.instance-id}: the scheduler's name
	 */
	public SharedJobQueue(SharedDatabase database, JobsProperties properties, String worker) {
		this.database = database;
		this.properties = properties;
		this.worker = worker;
		this.task = Tasks.custom(TASK, Void.class)
			.onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(10)))
			.execute(this::execute);
		this.client = SchedulerClient.Builder.create(database.dataSource(), this.task).build();
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public boolean offer(Job job) {
		return this.database.inTransaction(SharedJobStore.STORE, () -> {
			this.database.jdbc().sql("select pg_advisory_xact_lock(:key)").param("key", OFFER_LOCK).query().rowSet();
			long waiting = this.database.jdbc()
				.sql("select count(*) from scheduled_tasks where task_name = :task and not picked")
				.param("task", TASK)
				.query(Long.class)
				.single();
			if (waiting >= this.properties.queueCapacity()) {
				return false;
			}
			this.client.scheduleIfNotExists(this.task.instance(job.id()), Instant.now());
			return true;
		});
	}

	@Override
	public void withdraw(String id) {
		this.database.call(SharedJobStore.STORE,
				() -> this.database.jdbc()
					.sql("delete from scheduled_tasks where task_name = :task and task_instance = :id and not picked")
					.param("task", TASK)
					.param("id", id)
					.update());
	}

	@Override
	public boolean requestCancel(String id) {
		return this.database.call(SharedJobStore.STORE,
				() -> this.database.jdbc()
					.sql("update job set cancel_requested = true where id = :id and not registering")
					.param("id", id)
					.update()) == 1;
	}

	@Override
	public boolean beginRegistering(String id) {
		return this.database.call(SharedJobStore.STORE,
				() -> this.database.jdbc()
					.sql("update job set registering = true where id = :id and not cancel_requested")
					.param("id", id)
					.update()) == 1;
	}

	@Override
	public OptionalLong count(JobState state) {
		return OptionalLong.of(this.database.call(SharedJobStore.STORE,
				() -> this.database.jdbc()
					.sql("select count(*) from job where state = :state")
					.param("state", state.name())
					.query(Long.class)
					.single()));
	}

	@Override
	public synchronized void start(JobWorker worker) {
		this.jobs = worker;
		Duration heartbeat = this.properties.lease().dividedBy(10);
		this.scheduler = Scheduler.create(this.database.dataSource(), List.of(this.task))
			.threads(this.properties.concurrency())
			.pollingInterval(this.properties.pollInterval())
			.heartbeatInterval(heartbeat.isNegative() || heartbeat.toMillis() < 50 ? Duration.ofMillis(50) : heartbeat)
			.missedHeartbeatsLimit(MISSED_HEARTBEATS)
			.schedulerName(new SchedulerName.Fixed(this.worker))
			.shutdownMaxWait(this.properties.shutdownWait())
			.pollUsingLockAndFetch(0.5, 1.0)
			.build();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("descent-job-cancels-");
		threads.setDaemon(true);
		this.cancels = Executors.newSingleThreadScheduledExecutor(threads);
		this.cancels.scheduleWithFixedDelay(this::readCancels, CANCEL_POLL.toMillis(), CANCEL_POLL.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler.start();
		logger.info("Training jobs from the shared queue as {} ({} at once, lease {})", this.worker,
				this.properties.concurrency(), this.properties.lease());
	}

	/** Stops claiming, stops the jobs training here, and waits for them. */
	@Override
	public synchronized void stop(Runnable stopRunning, Duration wait) {
		if (this.scheduler == null) {
			return;
		}
		this.scheduler.pause();
		stopRunning.run();
		this.scheduler.stop();
		this.cancels.shutdownNow();
	}

	private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
		SharedClaim claim = new SharedClaim(instance.getId(), context.getCurrentlyExecuting());
		this.executing.put(claim.jobId(), claim);
		boolean again;
		try {
			again = this.jobs.train(claim);
		}
		finally {
			this.executing.remove(claim.jobId());
		}
		if (claim.leaseLost()) {
			// another replica may have claimed it: leave its row to that one
			return (complete, operations) -> {
			};
		}
		if (again) {
			return (complete, operations) -> operations.reschedule(complete, Instant.now());
		}
		return new CompletionHandler.OnCompleteRemove<>();
	}

	/** Tells the claims of the jobs training here whose cancel was requested. */
	private void readCancels() {
		if (this.executing.isEmpty()) {
			return;
		}
		try {
			List<String> cancelled = this.database.jdbc()
				.sql("select id from job where id in (:ids) and (cancel_requested or state = 'CANCELLED')")
				.param("ids", List.copyOf(this.executing.keySet()))
				.query(String.class)
				.list();
			cancelled.forEach((id) -> {
				SharedClaim claim = this.executing.get(id);
				if (claim != null) {
					claim.cancelRequested = true;
				}
			});
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot read the cancel requests of the jobs training here: {}", ex.getMessage());
		}
	}

	/** A job this replica claimed, and what the queue learnt about it since. */
	private static final class SharedClaim implements Claim {

		/** Stop before the reviver's 8 missed heartbeats: after 5 of them. */
		private static final double LOST = 5.0 / MISSED_HEARTBEATS;

		private final String jobId;

		private final CurrentlyExecuting execution;

		private volatile boolean cancelRequested;

		SharedClaim(String jobId, CurrentlyExecuting execution) {
			this.jobId = jobId;
			this.execution = execution;
		}

		@Override
		public String jobId() {
			return this.jobId;
		}

		@Override
		public boolean cancelRequested() {
			return this.cancelRequested;
		}

		@Override
		public boolean leaseLost() {
			return this.execution != null && this.execution.getHeartbeatState().getFractionDead() > LOST;
		}

	}

}
