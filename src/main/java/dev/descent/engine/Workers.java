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
 *
 * <p>
 * Two threads are not always faster than one. When the helpers' cores are taken by other
 * processes, each phase waits for a helper that the operating system has not run yet
 * (measured: 2.4 times slower than one thread, with one busy loop on the other core);
 * when a host runs both virtual cores on one physical core, both threads slow down alike
 * (seen: 0.85 s an epoch where one thread takes 0.60 s). So the caller measures, over
 * windows of at least {@link #WINDOW_NANOS} and 64 phases, the mean time of a phase, and
 * its own work against its wait:
 * <ul>
 * <li>two windows in a row in which it waited longer than it worked (with the work shared
 * evenly, one thread would have taken about twice its own time) make it run the phases
 * alone ({@code task.run(0, 1)});</li>
 * <li>every so often ({@link #PROBE_NANOS} at first, doubled each time the helpers win,
 * up to {@link #LONGEST_PROBE_NANOS}) it runs one window alone, and goes on alone if that
 * window's phases were at least 10% faster than those of the fastest window with the
 * helpers since it last compared.</li>
 * </ul>
 * Alone, it tries the helpers again after {@link #SOLO_NANOS}, doubled each time they
 * lose again, up to {@link #LONGEST_SOLO_NANOS}. Since the result never depends on how
 * the work is divided, this changes only the speed, never the bits.
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

	/** The shortest window over which the caller weighs its waiting: 20 ms. */
	static final long WINDOW_NANOS = 20_000_000;

	/**
	 * How many windows in a row must find the helpers slow: one can be a moment's hiccup
	 * of the host (seen: a wait of 1.4 times the caller's work in one window of an
	 * otherwise quiet run), a busy core stays slow (2 to 5 times).
	 */
	static final int SLOW_WINDOWS = 2;

	/**
	 * How long the caller first works alone before it tries the helpers again: 0.1 s,
	 * doubled each time they are found slow again, up to {@link #LONGEST_SOLO_NANOS}.
	 */
	static final long SOLO_NANOS = 100_000_000;

	static final long LONGEST_SOLO_NANOS = 1_600_000_000;

	/**
	 * How long after it last compared the caller first runs a window alone to compare.
	 */
	static final long PROBE_NANOS = 1_000_000_000;

	static final long LONGEST_PROBE_NANOS = 16_000_000_000L;

	/** The least gain that makes the caller go on alone: 10% less time a phase. */
	private static final double SOLO_GAIN = 0.9;

	/** The fewest phases in a window. */
	private static final int WINDOW_PHASES = 64;

	private long windowStart = System.nanoTime();

	private long ownNanos;

	private long waitNanos;

	private int windowPhases;

	private long soloUntil = Long.MIN_VALUE;

	private boolean solo;

	private int slowWindows;

	private long soloNanos = SOLO_NANOS;

	/** Whether the current window runs alone to compare with the one before. */
	private boolean probing;

	private long phaseNanos;

	/**
	 * The least mean phase of the windows with the helpers since the last comparison: a
	 * window slowed by a moment's hiccup of the host does not make going alone look
	 * better.
	 */
	private double helpersMean = Double.MAX_VALUE;

	private long nextProbe = this.windowStart + PROBE_NANOS;

	private long probeNanos = PROBE_NANOS;

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
		long start = System.nanoTime();
		if (this.solo) {
			if (start - this.soloUntil < 0) {
				task.run(0, 1);
				return;
			}
			this.solo = false;
			this.nextProbe = start;
			startWindow(start);
		}
		if (this.probing) {
			task.run(0, 1);
			weighProbe(start, System.nanoTime());
			return;
		}
		this.task = task;
		this.running.set(this.count - 1);
		this.generation++;
		long ownEnd;
		try {
			task.run(0, this.count);
		}
		finally {
			ownEnd = System.nanoTime();
			awaitHelpers();
		}
		weigh(start, ownEnd, System.nanoTime());
		Throwable failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException("a training thread failed", failed);
		}
	}

	/**
	 * Adds one phase to the window; at the window's end, decides whether the caller goes
	 * on alone.
	 */
	private void weigh(long start, long ownEnd, long end) {
		this.ownNanos += ownEnd - start;
		this.waitNanos += end - ownEnd;
		this.phaseNanos += end - start;
		this.windowPhases++;
		if (end - this.windowStart < WINDOW_NANOS || this.windowPhases < WINDOW_PHASES) {
			return;
		}
		if (this.waitNanos <= this.ownNanos) {
			this.slowWindows = 0;
		}
		else if (++this.slowWindows >= SLOW_WINDOWS) {
			goSolo(end);
			startWindow(end);
			return;
		}
		this.helpersMean = Math.min(this.helpersMean, (double) this.phaseNanos / this.windowPhases);
		this.probing = end - this.nextProbe >= 0;
		startWindow(end);
	}

	/**
	 * Adds one phase of a window run alone; at its end, compares it with the helpers'.
	 */
	private void weighProbe(long start, long now) {
		this.phaseNanos += now - start;
		this.windowPhases++;
		if (now - this.windowStart < WINDOW_NANOS || this.windowPhases < WINDOW_PHASES) {
			return;
		}
		this.probing = false;
		double aloneMean = (double) this.phaseNanos / this.windowPhases;
		boolean alone = aloneMean < SOLO_GAIN * this.helpersMean;
		this.helpersMean = Double.MAX_VALUE;
		if (alone) {
			goSolo(now);
			this.probeNanos = PROBE_NANOS;
		}
		else {
			this.soloNanos = SOLO_NANOS;
			this.nextProbe = now + this.probeNanos;
			this.probeNanos = Math.min(2 * this.probeNanos, LONGEST_PROBE_NANOS);
		}
		startWindow(now);
	}

	private void goSolo(long now) {
		this.helpersMean = Double.MAX_VALUE;
		this.solo = true;
		this.soloUntil = now + this.soloNanos;
		this.soloNanos = Math.min(2 * this.soloNanos, LONGEST_SOLO_NANOS);
		this.slowWindows = 0;
	}

	private void startWindow(long now) {
		this.windowStart = now;
		this.ownNanos = 0;
		this.waitNanos = 0;
		this.phaseNanos = 0;
		this.windowPhases = 0;
	}

	/**
	 * @return whether the caller is running the phases alone, its helpers having kept it
	 * waiting longer than it worked or a window alone having been faster
	 */
	boolean solo() {
		return this.solo;
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
