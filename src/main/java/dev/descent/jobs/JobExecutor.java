package dev.descent.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of training threads fed by a bounded queue, and the {@link JobRun} of
 * every job that is queued or running.
 */
final class JobExecutor {

	private final ThreadPoolExecutor pool;

	private final Map<String, JobRun> runs = new ConcurrentHashMap<>();

	JobExecutor(int concurrency, int queueCapacity) {
		this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(queueCapacity), threads(), new ThreadPoolExecutor.AbortPolicy());
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "descent-job-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * @return false when the queue is full or the executor shut down
	 */
	boolean offer(JobRun run) {
		this.runs.put(run.jobId(), run);
		try {
			this.pool.execute(run);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.runs.remove(run.jobId());
			return false;
		}
	}

	/**
	 * @return the run of a queued or running job, else {@code null}
	 */
	JobRun run(String jobId) {
		return this.runs.get(jobId);
	}

	/** Forgets a job's run and takes it out of the queue if it is still waiting. */
	void remove(String jobId) {
		JobRun run = this.runs.remove(jobId);
		if (run != null) {
			this.pool.remove(run);
		}
	}

	/**
	 * Stops taking work: waiting runs are taken out of the queue (and stay queued in the
	 * job store, to run after a restart), running ones are told to stop, and their
	 * threads are waited for.
	 * @return the runs still running after the wait
	 */
	List<JobRun> shutdown(Duration wait) throws InterruptedException {
		List<Runnable> waiting = new ArrayList<>();
		this.pool.getQueue().drainTo(waiting);
		waiting.forEach((run) -> this.runs.remove(((JobRun) run).jobId()));
		this.runs.values().forEach((run) -> run.stop(JobRun.Stop.SHUTDOWN));
		this.pool.shutdown();
		this.pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
		return List.copyOf(this.runs.values());
	}

}
