package dev.descent.jobs;

import java.io.IOException;
import java.time.Instant;
import java.util.Random;

import dev.descent.engine.EpochResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What every {@link JobStore} backend promises, run against each: one subclass per
 * backend gives stores over one fresh, empty state per test.
 */
public abstract class JobStoreContract {

	/**
	 * @return a store over this test's state; each call is a new instance (a restart),
	 * seeing what the others wrote
	 */
	protected abstract JobStore open();

	@Test
	void savesAndLoadsJobsWithTheirHistory() throws IOException {
		JobStore store = open();
		Job job = job("j-1").withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.5));
		store.save(job);
		store.save(job("j-2"));
		assertThat(open().loadAll()).containsExactlyInAnyOrder(job, job("j-2"));
	}

	@Test
	void aSavedRecordReplacesThePreviousOneAndDeleteRemovesIt() throws IOException {
		JobStore store = open();
		store.save(job("j-1"));
		Job started = job("j-1").started(Instant.parse("2026-11-23T15:31:00Z"));
		store.save(started);
		assertThat(open().loadAll()).containsExactly(started);
		store.delete("j-1");
		store.delete("j-unknown");
		assertThat(open().loadAll()).isEmpty();
	}

	@Test
	void checkpointsAreStreamedReplacedAndDeleted() throws IOException {
		JobStore store = open();
		assertThat(store.readCheckpoint("j-1", (in) -> in.readAllBytes())).isEmpty();
		byte[] first = new byte[300_000];
		first[1] = 1;
		store.saveCheckpoint("j-1", (out) -> out.write(first));
		store.saveCheckpoint("j-2", (out) -> out.write(2));
		assertThat(open().readCheckpoint("j-1", (in) -> in.readAllBytes()))
			.hasValueSatisfying((bytes) -> assertThat(bytes).isEqualTo(first));
		store.saveCheckpoint("j-1", (out) -> out.write(new byte[] { 9, 9 }));
		assertThat(open().readCheckpoint("j-1", (in) -> in.readAllBytes()))
			.hasValueSatisfying((bytes) -> assertThat(bytes).containsExactly(9, 9));
		assertThat(open().checkpointIds()).containsExactlyInAnyOrder("j-1", "j-2");
		store.deleteCheckpoint("j-1");
		store.deleteCheckpoint("j-unknown");
		assertThat(open().readCheckpoint("j-1", (in) -> in.readAllBytes())).isEmpty();
		assertThat(open().checkpointIds()).containsExactly("j-2");
		assertThat(open().loadAll()).isEmpty();
	}

	@Test
	void aFailedCheckpointWriteKeepsThePreviousCheckpoint() throws IOException {
		JobStore store = open();
		store.saveCheckpoint("j-1", (out) -> out.write(new byte[] { 1, 2, 3 }));
		assertThatIOException().isThrownBy(() -> store.saveCheckpoint("j-1", (out) -> {
			out.write(new byte[1000]);
			throw new IOException("disk full");
		})).withMessage("disk full");
		assertThat(open().readCheckpoint("j-1", (in) -> in.readAllBytes()))
			.hasValueSatisfying((bytes) -> assertThat(bytes).containsExactly(1, 2, 3));
		assertThat(open().checkpointIds()).containsExactly("j-1");
	}

	@Test
	void anEmptyStoreHasNoJobsAndIsAvailable() throws IOException {
		assertThat(open().loadAll()).isEmpty();
		assertThat(open().checkpointIds()).isEmpty();
		assertThat(open().availability().available()).isTrue();
	}

	protected static Job job(String id) {
		return Job.queued(id, JobRequest.empty().withDefaults(new Random(3), "PT5M"),
				Instant.parse("2026-11-23T15:30:12.123456Z"));
	}

}
