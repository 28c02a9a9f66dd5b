package dev.descent.jobs;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import dev.descent.engine.Checkpoint;
import dev.descent.engine.TrainingConfig;

/**
 * The checkpoints of running jobs, encoded by {@link CheckpointCodec} and kept by the
 * {@link JobStore}.
 */
final class Checkpoints {

	private final JobStore store;

	Checkpoints(JobStore store) {
		this.store = store;
	}

	/**
	 * Streams the job's checkpoint to the store, replacing the previous one atomically.
	 * @param optimizer the job's optimiser's name, recorded to be checked on reading
	 */
	void save(String id, String optimizer, Checkpoint checkpoint) throws IOException {
		this.store.saveCheckpoint(id, (out) -> CheckpointCodec.write(id, optimizer, checkpoint, out));
	}

	/**
	 * @param config the job's training config, which the checkpoint must fit
	 * @return the job's checkpoint, empty when it has none
	 * @throws InvalidCheckpointException naming the problem when it is corrupt, truncated
	 * or of another job, network or optimiser
	 * @throws IOException when it cannot be read
	 */
	Optional<Checkpoint> load(String id, TrainingConfig config) throws IOException {
		return this.store.readCheckpoint(id, (in) -> CheckpointCodec.read(in, id, config));
	}

	void delete(String id) throws IOException {
		this.store.deleteCheckpoint(id);
	}

	Set<String> ids() throws IOException {
		return this.store.checkpointIds();
	}

}
