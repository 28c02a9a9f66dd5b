package dev.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobState;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.models.StoredModel;
import dev.descent.storage.filesystem.FileStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code java -jar descent.jar import}: a data directory copied into the configured
 * stores, here a second data directory (filesystem to filesystem), through the command's
 * own Spring context.
 */
class ImportCommandTest {

	private static final JsonMapper JSON = ImportSource.JSON;

	@TempDir
	Path dir;

	private Path source;

	private Path target;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void fillASourceDataDirectory() throws IOException {
		this.source = this.dir.resolve("source");
		this.target = this.dir.resolve("target");
		ImportSource.fill(this.source);
	}

	@Test
	void copiesVersionsWithTheirNumbersAliasesWithTheirHistoryJobsAndDataSets() throws IOException {
		assertThat(importInto(this.target)).as(this.err.toString()).isZero();
		ImportSource.assertFirstRunReport(this.out.toString(), this.source, "the filesystem store");
		ModelStore from = FileStores.models(this.source);
		ModelStore to = FileStores.models(this.target);
		StoredModel digits = to.model("digits").orElseThrow();
		assertThat(digits.versions()).containsOnlyKeys(1, 3);
		assertThat(digits).isEqualTo(from.model("digits").orElseThrow());
		assertThat(to.model("other")).isEqualTo(from.model("other"));
		for (int version : List.of(1, 3)) {
			assertThat(to.readWeights("digits", version, ImportSource::sha256))
				.isEqualTo(digits.versions().get(version).metadata().weightsSha256());
		}
		assertThat(digits.aliases()).isEqualTo(Map.of("production", 3));
		for (String alias : List.of("production", "staging")) {
			assertThat(to.aliasHistory("digits", alias)).isEqualTo(from.aliasHistory("digits", alias)).isNotEmpty();
		}
		assertThat(to.aliasHistory("gone", "old")).isEqualTo(from.aliasHistory("gone", "old")).hasSize(2);
		assertThat(to.aliasPolicy("digits", "production")).contains(new AliasPolicy(0.5, null, null));
		assertThat(digits.versions().get(1).tags()).isEqualTo(Map.of("owner", "alice"));
		assertThat(new ModelRepository(to).load("digits", 3).predict(new double[784]))
			.containsExactly(ImportSource.network(3).predict(new double[784]));
		assertThat(to.allocateVersion("digits")).as("numbers go on after the highest --from ever gave, deleted too")
			.isEqualTo(ImportSource.DIGITS_HIGHEST + 1);
		assertThat(to.model("gone")).hasValueSatisfying((gone) -> assertThat(gone.versions()).isEmpty());
		assertThat(to.allocateVersion("gone")).isEqualTo(2);

		ImportSource.assertRecordsCopied(this.source, FileStores.jobs(this.target, JSON),
				FileStores.datasets(this.target.resolve("datasets")));
	}

	@Test
	void aSecondRunChangesNothing() throws IOException {
		assertThat(importInto(this.target)).as(this.err.toString()).isZero();
		Map<String, String> before = contents(this.target);
		this.out.reset();
		assertThat(importInto(this.target)).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("model versions: 0 imported, 3 already there")
			.contains("version counters: 0 imported, 3 already there")
			.contains("version tags: 0 imported, 1 already there")
			.contains("alias moves: 0 imported, 6 already there")
			.contains("alias policies: 0 imported, 1 already there")
			.contains("job records: 0 imported, 2 already there")
			.contains("checkpoints: 0 imported, 1 already there")
			.contains("data sets: 0 imported, 1 already there");
		assertThat(contents(this.target)).isEqualTo(before);
	}

	@Test
	void conflictsAreListedLeftAloneAndExitOne() throws IOException {
		ModelRepository there = new ModelRepository(FileStores.models(this.target));
		there.register("digits", ImportSource.network(9), ImportSource.provenance());
		FileStores.jobs(this.target, JSON).save(ImportSource.job("j-1", JobState.FAILED, null));
		ImportSource.Dataset.store(FileStores.datasets(this.target.resolve("datasets")), "mine", 8);
		String theirs = there.version("digits", 1).metadata().weightsSha256();
		String ours = FileStores.models(this.source)
			.model("digits")
			.orElseThrow()
			.versions()
			.get(1)
			.metadata()
			.weightsSha256();

		assertThat(importInto(this.target)).isEqualTo(1);
		assertThat(this.err.toString()).contains("4 conflicts, not imported:")
			.contains("model digits version 1: weights SHA-256 " + ours + " in --from, " + theirs + " in the target")
			.contains("model digits: aliases not imported, since versions conflict")
			.contains("job j-1: FAILED with 0 epochs in the target, SUCCEEDED with 0 in --from")
			.contains("data set mine: other files in the target (" + Mnist.TEST_IMAGES + ", ");
		ModelStore to = FileStores.models(this.target);
		assertThat(to.readWeights("digits", 1, ImportSource::sha256)).as("left alone").isEqualTo(theirs);
		assertThat(to.model("digits").orElseThrow().versions()).containsOnlyKeys(1, 3);
		assertThat(to.model("digits").orElseThrow().aliases()).isEmpty();
		assertThat(to.model("other")).isPresent();
		assertThat(FileStores.jobs(this.target, JSON).loadAll()).extracting(Job::id, Job::state)
			.containsExactlyInAnyOrder(tuple("j-1", JobState.FAILED), tuple("j-2", JobState.RUNNING));
	}

	@Test
	void namesWhatIsMissingOrWrong() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString()).contains("descent import: --from is required").contains("usage:");
		assertThat(run("--from", this.source.toString(), "stray")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unexpected argument 'stray'");
		assertThat(run("--from", this.dir.resolve("nowhere").toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("is not a data directory");
		assertThat(run("--from", this.source.toString(), "--descent.data-dir=" + this.source)).isEqualTo(2);
		assertThat(this.err.toString()).contains("is the configured data directory itself");
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString()).contains("usage: java -jar descent.jar import --from DIR");
	}

	private int importInto(Path dataDir) {
		return run("--from", this.source.toString(), "--descent.data-dir=" + dataDir);
	}

	private int run(String... args) {
		this.err.reset();
		return ImportCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	/** Every file under {@code root} by relative path, with its SHA-256. */
	private static Map<String, String> contents(Path root) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				files.put(root.relativize(path).toString(), Sha256.hex(path));
			}
		}
		return files;
	}

}
