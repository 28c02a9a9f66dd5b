package dev.descent.engine;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training threads' hand-over: every phase runs on every worker, and a caller that
 * its helpers slow down (kept waiting by them, or simply faster alone) runs the phases
 * alone for a while, then tries the helpers again.
 */
class WorkersTest {

	/** Plenty: the caller decides after two windows of at least 20 ms and 64 phases. */
	private static final int MOST_PHASES = 5_000;

	@Test
	void everyWorkerRunsEveryPhaseWithItsOwnNumber() {
		AtomicIntegerArray calls = new AtomicIntegerArray(3);
		try (Workers workers = Workers.start(3)) {
			for (int phase = 0; phase < 10; phase++) {
				workers.run((worker, count) -> {
					if (count == 3) {
						calls.incrementAndGet(worker);
					}
				});
			}
		}
		assertThat(calls.get(0)).isEqualTo(10);
		assertThat(calls.get(1)).isEqualTo(10);
		assertThat(calls.get(2)).isEqualTo(10);
	}

	@Test
	void aCallerKeptWaitingByItsHelperRunsThePhasesAloneAndThenTriesTheHelperAgain() {
		try (Workers workers = Workers.start(2)) {
			SlowHelper task = new SlowHelper();
			int phase = 0;
			while (!workers.solo() && phase++ < MOST_PHASES) {
				workers.run(task);
			}
			assertThat(workers.solo()).as("alone after %d phases", phase).isTrue();

			task.soloCalls = 0;
			workers.run(task);
			assertThat(task.soloCalls).as("the phase ran as one worker of one").isEqualTo(1);

			task.helperCalls = 0;
			long start = System.nanoTime();
			while (task.helperCalls == 0 && System.nanoTime() - start < 10 * Workers.LONGEST_SOLO_NANOS) {
				workers.run(task);
			}
			assertThat(task.helperCalls).as("the helper was tried again").isPositive();
		}
	}

	@Test
	void aCallerThatIsFasterAloneThanWithItsHelperGoesOnAlone() {
		try (Workers workers = Workers.start(2)) {
			long start = System.nanoTime();
			while (!workers.solo() && System.nanoTime() - start < 10 * Workers.PROBE_NANOS) {
				workers.run((worker, count) -> busy(count == 1 ? 100_000 : 1_000_000));
			}
			assertThat(workers.solo()).as("a phase took 1 ms with the helper, 0.1 ms alone").isTrue();
		}
	}

	private static void busy(long nanos) {
		long until = System.nanoTime() + nanos;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

	/** Worker 1 works about a millisecond a phase; the caller does nothing. */
	private static final class SlowHelper implements Workers.Task {

		volatile int soloCalls;

		volatile int helperCalls;

		@Override
		public void run(int worker, int workers) {
			if (workers == 1) {
				this.soloCalls++;
				return;
			}
			if (worker == 1) {
				this.helperCalls++;
				busy(1_000_000);
			}
		}

	}

}
