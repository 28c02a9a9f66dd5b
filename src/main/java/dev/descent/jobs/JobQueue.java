package dev.descent.jobs;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where accepted jobs wait until a worker trains them, and how a worker learns what
 * happens to a job elsewhere. Filesystem mode queues in this process
 * ({@link LocalJobQueue}); the shared backend queues in PostgreSQL, where workers on
 * every replica with the {@code train} role claim jobs, one replica per job at a time.
 *
 * <p>
 * Lifecycle: {@link #start} once (only on a replica that trains), {@link #offer} and
 * {@link #withdraw} any time, {@link #stop} once.
 */
public interface JobQueue {

	/**
	 * Queues a job that is recorded QUEUED.
	 * @return false when the queue is full (on every replica: the capacity is the
	 * queue's, not the process's) or stopped
	 */
	boolean offer(Job job);

	/** Takes a job out of the queue if it is still waiting there. */
	void withdraw(String id);

	/**
	 * Starts handing jobs to {@code worker}, each on a thread of the queue's until the
	 * worker returns; at most {@code descent.jobs.concurrency} at once.
	 */
	void start(JobWorker worker);

	/**
	 * Stops handing out jobs; waiting jobs stay queued. {@code stopRunning} is called
	 * once no new job is handed out, and the jobs' threads are then waited for.
	 * @param wait how long to wait for them
	 */
	void stop(Runnable stopRunning, Duration wait) throws InterruptedException;

	/**
	 * @return whether other replicas share the queue and the job records: records are
	 * then read from the store, not from memory, and jobs interrupted here are resumed by
	 * the queue, not by this process's restart
	 */
	boolean shared();

	/**
	 * Asks the worker training a job, wherever it runs, to stop it.
	 * @return false when the job has begun registering its model and can no longer be
	 * cancelled
	 */
	default boolean requestCancel(String id) {
		return true;
	}

	/**
	 * Ends the time in which a job can be cancelled from another replica.
	 * @return false when a cancel was requested first
	 */
	default boolean beginRegistering(String id) {
		return true;
	}

	/**
	 * @return how many jobs are in this state on every replica, empty when the records in
	 * memory know
	 */
	default OptionalLong count(JobState state) {
		return OptionalLong.empty();
	}

	/**
	 * What trains a job the queue hands out, on the calling thread.
	 */
	@FunctionalInterface
	interface JobWorker {

		/**
		 * @return true when the job must be queued again (this replica stopped it to shut
		 * down), false when it ended or is not this worker's any more
		 */
		boolean train(Claim claim);

	}

	/**
	 * One job handed to a worker.
	 */
	interface Claim {

		String jobId();

		/**
		 * @return true once a cancel was requested from another replica; cheap, checked
		 * every mini-batch
		 */
		default boolean cancelRequested() {
			return false;
		}

		/**
		 * @return true once this replica may have lost the job to another (its lease was
		 * not renewed in time); cheap, checked every mini-batch
		 */
		default boolean leaseLost() {
			return false;
		}

	}

}
