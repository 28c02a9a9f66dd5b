package dev.descent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetStore;
import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobRequest;
import dev.descent.jobs.JobState;
import dev.descent.jobs.JobStore;
import dev.descent.models.AliasChange;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.filesystem.FileStores;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory in the filesystem layout for the import tests, written through the
 * filesystem stores as the service writes it: model {@code digits} with versions 1 and 3
 * (2 deleted, and 4, the highest ever, deleted too), moved and deleted aliases with their
 * history, a policy and a tag; model {@code other} with version 1; model {@code gone}
 * whose only version was deleted; a finished job and a running one with a checkpoint; an
 * uploaded data set.
 */
final class ImportSource {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The bytes of job j-2's checkpoint. */
	static final byte[] CHECKPOINT = { 1, 2, 3, 4 };

	/** The highest number {@code digits} was ever given, deleted since. */
	static final int DIGITS_HIGHEST = 4;

	private ImportSource() {
	}

	static void fill(Path source) throws IOException {
		ModelRepository models = new ModelRepository(FileStores.models(source));
		for (long seed = 1; seed <= DIGITS_HIGHEST; seed++) {
			models.register("digits", network(seed), provenance());
		}
		models.register("other", network(5), provenance());
		models.register("gone", network(6), provenance());
		models.deleteVersion("digits", 2);
		models.deleteVersion("digits", DIGITS_HIGHEST);
		models.putAlias("gone", "old", new AliasChange(1, null, "dave", null));
		models.deleteAlias("gone", "old", "dave", "retired");
		models.deleteVersion("gone", 1);
		models.putAlias("digits", "production", new AliasChange(1, null, "alice", "first"));
		models.putAlias("digits", "production", new AliasChange(3, null, "bob", "better"));
		models.putAlias("digits", "staging", new AliasChange(3, null, "bob", null));
		models.deleteAlias("digits", "staging", "carol", "done");
		models.putPolicy("digits", "production", new AliasPolicy(0.5, null, null), "alice");
		models.putTag("digits", 1, "owner", "alice");
		JobStore jobs = FileStores.jobs(source, JSON);
		jobs.save(job("j-1", JobState.SUCCEEDED, new ModelRef("digits", 1)));
		jobs.save(job("j-2", JobState.RUNNING, null));
		jobs.saveCheckpoint("j-2", (o) -> o.write(CHECKPOINT));
		Dataset.store(FileStores.datasets(source.resolve("datasets")), "mine", 7);
	}

	/**
	 * Asserts that the target's job and data set stores hold what {@code source} holds:
	 * the same job records, the checkpoint, the data set and its files' checksums.
	 */
	static void assertRecordsCopied(Path source, JobStore jobs, DatasetStore sets) throws IOException {
		assertThat(jobs.loadAll()).containsExactlyInAnyOrderElementsOf(FileStores.jobs(source, JSON).loadAll());
		assertThat(jobs.readCheckpoint("j-2", (in) -> in.readAllBytes())).hasValue(CHECKPOINT);
		DatasetDescription mine = FileStores.datasets(source.resolve("datasets")).find("mine").orElseThrow();
		assertThat(sets.find("mine")).contains(mine);
		for (String file : mine.checksums().keySet()) {
			assertThat(sets.readFile("mine", file, ImportSource::sha256)).isEqualTo(mine.checksums().get(file));
		}
	}

	/**
	 * Asserts what the first import of {@link #fill the source} reports.
	 * @param target how the report names the target store ("the shared store")
	 */
	static void assertFirstRunReport(String out, Path source, String target) {
		assertThat(out).contains("importing " + source + " into " + target)
			.contains("model versions: 3 imported, 0 already there")
			.contains("version counters: 2 imported, 1 already there")
			.contains("alias moves: 6 imported")
			.contains("job records: 2 imported")
			.contains("checkpoints: 1 imported")
			.contains("data sets: 1 imported");
	}

	static String sha256(InputStream in) throws IOException {
		return Sha256.hex(in);
	}

	static Network network(long seed) {
		return Network.initialise(NetworkSpec.sigmoid(784, 5, 10), Init.NORMAL, new SplittableRandom(seed));
	}

	static TrainingProvenance provenance() {
		return new TrainingProvenance("j-1", "quadratic", "normal", "sgd", Map.of("learningRate", 3.0), 10, 1, 0.0, 1L,
				100, 0, List.of(), "mnist", Map.of());
	}

	static Job job(String id, JobState state, ModelRef model) {
		Instant created = Instant.parse("2026-11-23T15:30:12.123456Z");
		Instant finished = (state == JobState.RUNNING) ? null : created.plusSeconds(60);
		return new Job(id, state, JobRequest.empty().withDefaults(new Random(3), "PT5M"), List.of(), model, null,
				created, created.plusSeconds(1), finished, null);
	}

	/**
	 * An uploaded data set of four small files; {@code seed} makes their bytes differ.
	 */
	static final class Dataset {

		private Dataset() {
		}

		static void store(DatasetStore store, String name, int seed) throws IOException {
			Map<String, byte[]> files = Map.of(Mnist.TRAIN_IMAGES, bytes(seed, 1), Mnist.TRAIN_LABELS, bytes(seed, 2),
					Mnist.TEST_IMAGES, bytes(seed, 3), Mnist.TEST_LABELS, bytes(seed, 4));
			Map<String, String> checksums = new TreeMap<>();
			Map<String, BlobWriter> writers = new TreeMap<>();
			files.forEach((file, content) -> {
				checksums.put(file, Sha256.hex(content));
				writers.put(file, (o) -> o.write(content));
			});
			List<Integer> counts = List.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
			store.create(new DatasetDescription(name, false, Instant.parse("2026-11-30T10:00:00Z"), "idx", 1, 1, counts,
					counts, checksums), writers);
		}

		private static byte[] bytes(int seed, int file) {
			byte[] content = new byte[64];
			new Random(seed * 10L + file).nextBytes(content);
			return content;
		}

	}

}
