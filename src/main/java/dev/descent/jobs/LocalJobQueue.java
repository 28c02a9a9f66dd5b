package dev.descent.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The queue of filesystem mode: a fixed number of training threads of this process fed by
 * a bounded queue. Jobs waiting when the process stops stay QUEUED in the job store and
 * are offered again at the next start.
 */
final class LocalJobQueue implements JobQueue {

	private final ThreadPoolExecutor pool;

	private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();

	private volatile JobWorker worker;

	LocalJobQueue(int concurrency, int queueCapacity) {
		this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(queueCapacity), JobService.daemons("descent-job-"),
				new ThreadPoolExecutor.AbortPolicy());
	}

	@Override
	public void start(JobWorker worker) {
		this.worker = worker;
	}

	@Override
	public boolean offer(Job job) {
		String id = job.id();
		Runnable task = () -> {
			if (this.waiting.remove(id) != null) {
				this.worker.train(() -> id);
			}
		};
		this.waiting.put(id, task);
		try {
			this.pool.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.waiting.remove(id);
			return false;
		}
	}

	@Override
	public void withdraw(String id) {
		Runnable task = this.waiting.remove(id);
		if (task != null) {
			this.pool.remove(task);
		}
	}

	/** Waiting jobs are taken out of the queue; they stay QUEUED in the job store. */
	@Override
	public void stop(Runnable stopRunning, Duration wait) throws InterruptedException {
		this.pool.getQueue().clear();
		this.waiting.clear();
		stopRunning.run();
		this.pool.shutdown();
		this.pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean shared() {
		return false;
	}

}
