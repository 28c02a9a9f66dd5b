package dev.descent.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one training run: the caller and {@code count − 1} helpers, which run
 * each phase of a mini-batch together and wait for one another at its end.
 *
 * <p>
 * A phase is a {@link Task} that each worker runs with its own number; what a worker does
 * is decided by that number alone (a range of examples, a range of weight rows), and the
 * engine arranges every phase so that its result does not depend on how the work was
 * divided: examples are computed into their own slots, and each weight row sums the
 * batch's terms in example order whoever computes it. That is why a seed gives the same
 * bits on any number of threads.
 *
 * <p>
 * A mini-batch takes a few hundred microseconds, so the hand-over is a volatile counter
 * that the waiting side spins on for a while, then yields, then parks in short naps
 * (between epochs). Not for use by more than one caller thread.
 */
final class Workers implements AutoCloseable {

	/** One phase of a mini-batch. */
	interface Task {

		/**
		 * @param worker this worker's number, 0 (the caller) to {@code workers − 1}
		 */
		void run(int worker, int workers);

	}

	private static final long SPIN_NANOS = 50_000;

	private static final long YIELD_NANOS = 2_000_000;

	private final int count;

	private final Thread[] helpers;

	private volatile int generation;

	private volatile Task task;

	private volatile boolean closed;

	private volatile Throwable failure;

	private final AtomicInteger running = new AtomicInteger();

	private Workers(int count) {
		this.count = count;
		this.helpers = new Thread[count - 1];
		for (int h = 0; h < this.helpers.length; h++) {
			int worker = h + 1;
			Thread thread = new Thread(() -> helperLoop(worker), "descent-training-worker-" + worker);
			thread.setDaemon(true);
			this.helpers[h] = thread;
			thread.start();
		}
	}

	/**
	 * @return the caller alone
	 */
	static Workers single() {
		return new Workers(1);
	}

	/**
	 * @param count at least 1
	 * @return the caller and {@code count − 1} new helper threads
	 */
	static Workers start(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("threads must be at least 1, got " + count);
		}
		return new Workers(count);
	}

	int count() {
		return this.count;
	}

	/**
	 * @return the first of worker {@code worker}'s share of {@code n} items; its share
	 * ends where worker + 1's begins
	 */
	static int from(int worker, int workers, int n) {
		return (int) ((long) n * worker / workers);
	}

	/**
	 * Runs {@code task} on every worker and returns when all have finished.
	 * @throws IllegalStateException when a helper failed (its error is the cause)
	 */
	void run(Task task) {
		if (this.count == 1) {
			task.run(0, 1);
			return;
		}
		this.task = task;
		this.running.set(this.count - 1);
		this.generation++;
		try {
			task.run(0, this.count);
		}
		finally {
			awaitHelpers();
		}
		Throwable failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException("a training thread failed", failed);
		}
	}

	private void awaitHelpers() {
		long start = System.nanoTime();
		while (this.running.get() != 0) {
			pause(start);
		}
	}

	private void helperLoop(int worker) {
		int seen = 0;
		while (true) {
			long start = System.nanoTime();
			while (this.generation == seen && !this.closed) {
				pause(start);
			}
			if (this.closed) {
				return;
			}
			seen = this.generation;
			try {
				this.task.run(worker, this.count);
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
			finally {
				this.running.decrementAndGet();
			}
		}
	}

	private static void pause(long start) {
		long waited = System.nanoTime() - start;
		if (waited < SPIN_NANOS) {
			Thread.onSpinWait();
		}
		else if (waited < YIELD_NANOS) {
			Thread.yield();
		}
		else {
			LockSupport.parkNanos(100_000);
		}
	}

	/** Stops the helpers (they finish at once: no phase is running). */
	@Override
	public void close() {
		this.closed = true;
		for (Thread helper : this.helpers) {
			try {
				helper.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
