package dev.descent.jobs;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import dev.descent.data.Sha256;
import dev.descent.engine.Adam;
import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.Optimizer;
import dev.descent.engine.OptimizerState;
import dev.descent.engine.TrainingConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CheckpointFileTest {

	@TempDir
	Path dataDir;

	private JobStore jobStore;

	private Checkpoints store;

	private final JobRequest request = new JobRequest(null, null, List.of(784, 6, 10), 5, null, 0.01, null, null, null,
			null, "adam", null, null, null, null, null, 9L, null, null, null)
		.withDefaults(new Random(1), null);

	private final TrainingConfig config = JobTrainer.configOf(this.request);

	private Checkpoint checkpoint;

	@BeforeEach
	void setUp() {
		this.jobStore = FileStores.jobs(this.dataDir, JsonMapper.builder().build());
		this.store = new Checkpoints(this.jobStore);
		Random random = new Random(3);
		Network network = Network.initialise(this.config.network(), this.config.init(), new SplittableRandom(4));
		Optimizer adam = new Adam(0.01);
		adam.initialise(this.config.network());
		List<double[]> values = adam.state().values();
		values.forEach((array) -> Arrays.setAll(array, (i) -> random.nextGaussian()));
		this.checkpoint = new Checkpoint(network, new OptimizerState(1234, values),
				List.of(new EpochResult(1, 0.75, 8000, 10000, 1.5), new EpochResult(2, 0.5, 9000, 10000, 1.25)));
	}

	@Test
	void roundTripsEveryValueExactly() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		Checkpoint read = this.store.load("j-1", this.config).orElseThrow();
		assertThat(read.history()).isEqualTo(this.checkpoint.history());
		for (int l = 0; l < read.network().layerCount(); l++) {
			assertThat(read.network().weights(l).data).isEqualTo(this.checkpoint.network().weights(l).data);
			assertThat(read.network().biases(l).data).isEqualTo(this.checkpoint.network().biases(l).data);
		}
		assertThat(read.optimizer().steps()).isEqualTo(1234);
		assertThat(read.optimizer().values()).hasSize(8);
		for (int i = 0; i < 8; i++) {
			assertThat(read.optimizer().values().get(i)).isEqualTo(this.checkpoint.optimizer().values().get(i));
		}
		assertThat(this.store.ids()).containsExactly("j-1");
		assertThat(this.jobStore.loadAll()).isEmpty();
	}

	@Test
	void aJobWithoutACheckpointHasNone() throws IOException {
		assertThat(this.store.load("j-none", this.config)).isEmpty();
		this.store.save("j-1", "adam", this.checkpoint);
		this.store.delete("j-1");
		assertThat(this.store.load("j-1", this.config)).isEmpty();
	}

	@Test
	void aFlippedByteIsRefused() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		byte[] bytes = Files.readAllBytes(file("j-1"));
		for (int at : new int[] { 0, 20, bytes.length / 2, bytes.length - 1 }) {
			byte[] flipped = bytes.clone();
			flipped[at] ^= 0x10;
			Files.write(file("j-1"), flipped);
			assertRefused("j-1", this.config, "j-1.checkpoint fails its SHA-256 check: it is corrupt or truncated");
		}
	}

	@Test
	void aTruncatedFileIsRefused() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		byte[] bytes = Files.readAllBytes(file("j-1"));
		Files.write(file("j-1"), Arrays.copyOf(bytes, bytes.length - 100));
		assertRefused("j-1", this.config, "j-1.checkpoint fails its SHA-256 check: it is corrupt or truncated");
		Files.write(file("j-1"), Arrays.copyOf(bytes, 10));
		assertRefused("j-1", this.config, "j-1.checkpoint is truncated (10 bytes)");
	}

	@Test
	void anotherJobsCheckpointIsRefused() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		Files.copy(file("j-1"), file("j-2"));
		assertRefused("j-2", this.config, "j-2.checkpoint belongs to job j-1, not j-2");
	}

	@Test
	void aCheckpointOfAnotherNetworkOrOptimizerIsRefused() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		TrainingConfig wider = JobTrainer
			.configOf(new JobRequest(null, null, List.of(784, 7, 10), 5, null, 0.01, null, null, null, null, "adam",
					null, null, null, null, null, 9L, null, null, null)
				.withDefaults(new Random(1), null));
		assertRefused("j-1", wider, "j-1.checkpoint is of layers [784, 6, 10], the job's are [784, 7, 10]");
		TrainingConfig momentum = JobTrainer
			.configOf(new JobRequest(null, null, List.of(784, 6, 10), 5, null, 0.01, null, null, null, null, "momentum",
					null, null, null, null, null, 9L, null, null, null)
				.withDefaults(new Random(1), null));
		assertRefused("j-1", momentum, "j-1.checkpoint is of optimizer adam, the job uses momentum");
		TrainingConfig shorter = JobTrainer
			.configOf(new JobRequest(null, null, List.of(784, 6, 10), 1, null, 0.01, null, null, null, null, "adam",
					null, null, null, null, null, 9L, null, null, null)
				.withDefaults(new Random(1), null));
		assertRefused("j-1", shorter, "j-1.checkpoint has 2 epochs, expected 1 to 1");
	}

	@Test
	void anotherFormatVersionIsRefused() throws IOException {
		this.store.save("j-1", "adam", this.checkpoint);
		byte[] bytes = Files.readAllBytes(file("j-1"));
		ByteBuffer.wrap(bytes).putInt(4, 2);
		MessageDigest digest = Sha256.newDigest();
		digest.update(bytes, 0, bytes.length - 32);
		System.arraycopy(digest.digest(), 0, bytes, bytes.length - 32, 32);
		Files.write(file("j-1"), bytes);
		assertRefused("j-1", this.config, "j-1.checkpoint has format version 2, this service reads version 1");
	}

	@Test
	void optimizerStateOfTheWrongShapeIsRefused() throws IOException {
		List<double[]> values = this.checkpoint.optimizer().values();
		Checkpoint fewer = new Checkpoint(this.checkpoint.network(), new OptimizerState(1234, values.subList(0, 7)),
				this.checkpoint.history());
		this.store.save("j-1", "adam", fewer);
		assertRefused("j-1", this.config,
				"j-1.checkpoint does not fit the job's optimizer: adam state has 7 arrays, expected 8");
		List<double[]> shorter = new ArrayList<>(values);
		shorter.set(3, new double[] { 1.0 });
		this.store.save("j-1", "adam", new Checkpoint(this.checkpoint.network(), new OptimizerState(1234, shorter),
				this.checkpoint.history()));
		assertRefused("j-1", this.config, "j-1.checkpoint does not fit the job's optimizer: adam state array 3 has 1 "
				+ "values, expected " + values.get(3).length);
	}

	@Test
	void anArrayLengthBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
		Checkpoint empty = new Checkpoint(this.checkpoint.network(), new OptimizerState(1234, List.of(new double[0])),
				this.checkpoint.history());
		this.store.save("j-1", "adam", empty);
		byte[] bytes = Files.readAllBytes(file("j-1"));
		ByteBuffer.wrap(bytes).putInt(bytes.length - 32 - 4, Integer.MAX_VALUE);
		MessageDigest digest = Sha256.newDigest();
		digest.update(bytes, 0, bytes.length - 32);
		System.arraycopy(digest.digest(), 0, bytes, bytes.length - 32, 32);
		Files.write(file("j-1"), bytes);
		assertRefused("j-1", this.config,
				"j-1.checkpoint has " + Integer.MAX_VALUE + " values in optimizer array 0, more than its bytes hold");
	}

	private void assertRefused(String id, TrainingConfig config, String message) {
		assertThatExceptionOfType(InvalidCheckpointException.class).isThrownBy(() -> this.store.load(id, config))
			.withMessage(message);
	}

	private Path file(String id) {
		return this.dataDir.resolve("jobs").resolve(id + ".checkpoint");
	}

}
