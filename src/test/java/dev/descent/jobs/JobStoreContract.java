package dev.descent.jobs;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.Optimizer;
import dev.descent.engine.OptimizerState;
import dev.descent.engine.TrainingConfig;
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
	void loadsTheRecordsOfTheIdsAskedForAndSkipsUnknownOnes() throws IOException {
		JobStore store = open();
		Job job = job("j-1").withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.5));
		store.save(job);
		store.save(job("j-2"));
		store.save(job("j-3"));
		assertThat(open().load(List.of("j-1", "j-3", "j-unknown"))).containsExactlyInAnyOrder(job, job("j-3"));
		assertThat(open().load(List.of())).isEmpty();
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
	void aTrainingCheckpointOfTheIssuesNetworkRoundTripsExactly() throws IOException {
		TrainingConfig config = JobTrainer.configOf(ADAM_784_100_10);
		Checkpoint checkpoint = checkpoint(config, 7);
		new Checkpoints(open()).save("j-1", "adam", checkpoint);
		Checkpoint read = new Checkpoints(open()).load("j-1", config).orElseThrow();
		assertThat(read.history()).isEqualTo(checkpoint.history());
		for (int l = 0; l < read.network().layerCount(); l++) {
			assertThat(read.network().weights(l).data).isEqualTo(checkpoint.network().weights(l).data);
			assertThat(read.network().biases(l).data).isEqualTo(checkpoint.network().biases(l).data);
		}
		assertThat(read.optimizer().steps()).isEqualTo(checkpoint.optimizer().steps());
		assertThat(read.optimizer().values()).hasSameSizeAs(checkpoint.optimizer().values());
		for (int i = 0; i < read.optimizer().values().size(); i++) {
			assertThat(read.optimizer().values().get(i)).isEqualTo(checkpoint.optimizer().values().get(i));
		}
		assertThat(open().checkpointIds()).containsExactly("j-1");
	}

	@Test
	void anEmptyStoreHasNoJobsAndIsAvailable() throws IOException {
		assertThat(open().loadAll()).isEmpty();
		assertThat(open().checkpointIds()).isEmpty();
		assertThat(open().availability().available()).isTrue();
	}

	/** A job request for the issue's network, [784,100,10], trained with Adam. */
	protected static final JobRequest ADAM_784_100_10 = new JobRequest(null, null, List.of(784, 100, 10), 5, null, 0.01,
			null, null, null, null, "adam", null, null, null, null, null, 9L, null, null, null, null, null)
		.withDefaults(new Random(1), null);

	/**
	 * @return a checkpoint of {@code config}'s network after two epochs, every value
	 * drawn from {@code seed}
	 */
	protected static Checkpoint checkpoint(TrainingConfig config, long seed) {
		Random random = new Random(seed);
		Network network = Network.initialise(config.network(), config.init(), new SplittableRandom(seed));
		Optimizer adam = config.optimizer().copy();
		adam.initialise(config.network());
		List<double[]> values = adam.state().values();
		values.forEach((array) -> Arrays.setAll(array, (i) -> random.nextGaussian()));
		return new Checkpoint(network, new OptimizerState(1234, values),
				List.of(new EpochResult(1, 0.75, 8000, 10000, 1.5, 4000, 5000),
						new EpochResult(2, 0.5, 9000, 10000, 1.25, 4600, 5000)));
	}

	/** The job of {@link #job} after it started and finished its first epoch. */
	protected static Job trained(String id) {
		return job(id).started(Instant.parse("2026-11-23T15:31:00Z"))
			.withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.5));
	}

	protected static Job job(String id) {
		return Job.queued(id, JobRequest.empty().withDefaults(new Random(3), "PT5M"),
				Instant.parse("2026-11-23T15:30:12.123456Z"));
	}

}
