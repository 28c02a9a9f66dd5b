package dev.descent.sweeps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.descent.jobs.JobRequest;
import dev.descent.models.ModelRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SweepStore} backend promises, run against each: one subclass per
 * backend gives stores over one fresh, empty state per test.
 */
public abstract class SweepStoreContract {

	/**
	 * @return a store over this test's state; each call is a new instance (a restart),
	 * seeing what the others wrote
	 */
	protected abstract SweepStore open();

	@Test
	void savesAndLoadsSweepsWithTheirTrials() throws IOException {
		SweepStore store = open();
		Sweep running = running("s-1");
		Sweep finished = finished("s-2");
		store.save(running);
		store.save(finished);
		assertThat(open().loadAll()).containsExactlyInAnyOrder(running, finished);
	}

	@Test
	void aSaveReplacesTheSweepsPreviousRecord() throws IOException {
		SweepStore store = open();
		store.save(running("s-1"));
		store.save(running("s-2"));
		Sweep ended = finished("s-1");
		open().save(ended);
		List<Sweep> loaded = open().loadAll();
		assertThat(loaded).containsExactlyInAnyOrder(ended, running("s-2"));
		assertThat(loaded).filteredOn((sweep) -> sweep.id().equals("s-1")).singleElement().satisfies((sweep) -> {
			assertThat(sweep.state()).isEqualTo(SweepState.SUCCEEDED);
			assertThat(sweep.best().model()).isEqualTo(new ModelRef("sweep-s-1", 3));
			assertThat(sweep.trials()).extracting(Sweep.Trial::state)
				.containsExactly(TrialState.SUCCEEDED, TrialState.STOPPED);
		});
	}

	@Test
	void everySavedSweepSurvivesARestart() throws IOException {
		for (int i = 0; i < 5; i++) {
			open().save(running("s-" + i));
		}
		assertThat(open().loadAll()).extracting(Sweep::id).containsExactlyInAnyOrder("s-0", "s-1", "s-2", "s-3", "s-4");
	}

	@Test
	void loadsOneSweepByItsId() throws IOException {
		open().save(running("s-1"));
		open().save(finished("s-2"));
		SweepStore store = open();
		assertThat(store.load("s-2")).contains(finished("s-2"));
		assertThat(store.load("s-1")).contains(running("s-1"));
		assertThat(store.load("s-3")).isEmpty();
	}

	@Test
	void exclusiveWorkRunsAndMayUseTheStore() throws IOException {
		SweepStore store = open();
		store.save(running("s-1"));
		AtomicBoolean ran = new AtomicBoolean();
		boolean done = store.tryExclusively("s-1", () -> {
			Sweep current = store.load("s-1").orElseThrow();
			save(store, finished(current.id()));
			ran.set(true);
		});
		assertThat(done).isTrue();
		assertThat(ran).isTrue();
		assertThat(open().load("s-1")).contains(finished("s-1"));
		assertThat(store.tryExclusively("s-1", () -> {
		})).as("the section is free again").isTrue();
	}

	@Test
	void exclusiveWorkThatThrowsLeavesTheSectionFree() {
		SweepStore store = open();
		assertThatThrownBy(() -> store.tryExclusively("s-1", () -> {
			throw new IllegalStateException("boom");
		})).hasMessage("boom");
		assertThat(open().tryExclusively("s-1", () -> {
		})).isTrue();
	}

	private static void save(SweepStore store, Sweep sweep) {
		try {
			store.save(sweep);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void anEmptyStoreHasNoSweeps() {
		assertThat(open().loadAll()).isEmpty();
	}

	/** A sweep as it starts: two trials, one queued, one not yet drawn into a job. */
	protected static Sweep running(String id) {
		List<Sweep.Trial> trials = List.of(
				new Sweep.Trial(1, parameters(0.5, 10), 11, id + "-t1", TrialState.RUNNING, 0.75, 1),
				new Sweep.Trial(2, parameters(0.05, 20), 12, null, TrialState.PENDING, null, 0));
		return new Sweep(id, SweepState.RUNNING, request(), trials, null, null, null,
				Instant.parse("2026-11-30T10:15:30.123456Z"), null, "ops");
	}

	/** The same sweep ended: its winner, its promotion and its trials' final states. */
	protected static Sweep finished(String id) {
		List<Sweep.Trial> trials = List.of(
				new Sweep.Trial(1, parameters(0.5, 10), 11, id + "-t1", TrialState.SUCCEEDED, 0.9125, 3),
				new Sweep.Trial(2, parameters(0.05, 20), 12, id + "-t2", TrialState.STOPPED, 0.5, 1));
		Sweep.Best best = new Sweep.Best(1, id + "-t1", parameters(0.5, 10), 0.9125, 0.9087,
				new ModelRef("sweep-" + id, 3));
		Sweep.PromotionResult promotion = new Sweep.PromotionResult("production", 3, false,
				"the current version is more accurate", 0.9087, 0.95);
		return new Sweep(id, SweepState.SUCCEEDED, request(), trials, best, promotion, null,
				Instant.parse("2026-11-30T10:15:30.123456Z"), Instant.parse("2026-11-30T10:19:02Z"), "ops");
	}

	private static Map<String, Object> parameters(double learningRate, int batchSize) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("learningRate", learningRate);
		parameters.put("batchSize", batchSize);
		return parameters;
	}

	private static SweepRequest request() {
		JobRequest base = JobRequest.empty().withDefaults(new Random(5), "PT5M");
		Map<String, SweepRequest.Range> space = new LinkedHashMap<>();
		space.put("learningRate", new SweepRequest.Range(null, 0.01, 1.0, "log", null));
		space.put("batchSize", new SweepRequest.Range(List.of(10, 20), null, null, null, null));
		return new SweepRequest(base, space, "random", 7L, 2, 1, 0, "PT30M", new SweepRequest.MedianRule("median", 1),
				new SweepRequest.Promotion("production"));
	}

}
