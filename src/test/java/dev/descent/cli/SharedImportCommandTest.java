package dev.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.descent.data.Sha256;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.models.StoredModel;
import dev.descent.storage.filesystem.FileStores;
import dev.descent.storage.shared.Blobs;
import dev.descent.storage.shared.PostgresServer;
import dev.descent.storage.shared.S3ProxyServer;
import dev.descent.storage.shared.SharedDatabase;
import dev.descent.storage.shared.SharedDatasetStore;
import dev.descent.storage.shared.SharedJobStore;
import dev.descent.storage.shared.SharedModelStore;
import dev.descent.storage.shared.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar descent.jar import --from DIR} with
 * {@code descent.storage.kind=shared}: a filesystem data directory ({@link ImportSource})
 * copied into a fresh PostgreSQL database and a fresh key prefix of a real S3 API server,
 * through the command's own Spring context, then read back through the shared backend's
 * stores.
 */
class SharedImportCommandTest {

	/** Every table the shared backend writes, each dumped whole to compare two runs. */
	private static final List<String> TABLES = List.of("model", "model_version", "model_version_tag", "model_alias",
			"model_alias_move", "model_alias_policy", "job", "job_checkpoint", "dataset", "sweep");

	@TempDir
	Path dir;

	private Path source;

	private String url;

	private String prefix;

	private SharedDatabase database;

	private Blobs blobs;

	private SharedModelStore models;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	/** The S3 client of the command's context finds its keys in system properties. */
	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", SharedServers.s3().accessKey());
		System.setProperty("aws.secretAccessKey", SharedServers.s3().secretKey());
	}

	@AfterAll
	static void forgetCredentials() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@BeforeEach
	void fillASourceAndTakeAnEmptyTarget() throws IOException {
		this.source = this.dir.resolve("source");
		ImportSource.fill(this.source);
		PostgresServer postgres = SharedServers.postgres();
		this.url = postgres.createDatabase("import");
		this.prefix = "import-" + UUID.randomUUID() + "/";
		this.database = new SharedDatabase(new DriverManagerDataSource(this.url, postgres.username(), ""));
		this.blobs = new Blobs(SharedServers.s3Client(), SharedServers.s3().bucket(), this.prefix, "models");
		this.models = new SharedModelStore(this.database, this.blobs, ImportSource.JSON);
	}

	@AfterEach
	void close() {
		this.models.close();
	}

	@Test
	void copiesVersionsWithTheirNumbersAliasesWithTheirHistoryJobsAndDataSets() throws IOException {
		assertThat(importIt()).as(this.err.toString()).isZero();
		ImportSource.assertFirstRunReport(this.out.toString(), this.source, "the shared store");
		ModelStore from = FileStores.models(this.source);
		StoredModel digits = this.models.model("digits").orElseThrow();
		assertThat(digits.versions()).containsOnlyKeys(1, 3);
		assertThat(digits).isEqualTo(from.model("digits").orElseThrow());
		assertThat(this.models.model("other")).isEqualTo(from.model("other"));
		for (int version : List.of(1, 3)) {
			String sha256 = digits.versions().get(version).metadata().weightsSha256();
			assertThat(this.models.readWeights("digits", version, ImportSource::sha256)).isEqualTo(sha256);
			assertThat(from.readWeights("digits", version, ImportSource::sha256)).isEqualTo(sha256);
		}
		assertThat(digits.aliases()).isEqualTo(Map.of("production", 3));
		for (String alias : List.of("production", "staging")) {
			assertThat(this.models.aliasHistory("digits", alias)).isEqualTo(from.aliasHistory("digits", alias))
				.isNotEmpty();
		}
		assertThat(this.models.aliasHistory("gone", "old")).as("the history of a model with no versions left")
			.isEqualTo(from.aliasHistory("gone", "old"))
			.hasSize(2);
		assertThat(this.models.aliasPolicy("digits", "production")).contains(new AliasPolicy(0.5, null, null));
		assertThat(digits.versions().get(1).tags()).isEqualTo(Map.of("owner", "alice"));
		assertThat(new ModelRepository(this.models).load("digits", 3).predict(new double[784]))
			.containsExactly(ImportSource.network(3).predict(new double[784]));

		ImportSource.assertRecordsCopied(this.source, new SharedJobStore(this.database, this.blobs, ImportSource.JSON),
				new SharedDatasetStore(this.database, this.blobs, ImportSource.JSON));
		assertThat(this.database.jdbc().sql("select sha256 from job_checkpoint").query(String.class).single())
			.isEqualTo(Sha256.hex(ImportSource.CHECKPOINT));
	}

	@Test
	void numbersOfVersionsDeletedInTheSourceAreNeverGivenAgain() throws IOException {
		assertThat(importIt()).as(this.err.toString()).isZero();
		assertThat(this.models.allocateVersion("digits")).as("above 4, the highest --from ever gave, deleted since")
			.isEqualTo(ImportSource.DIGITS_HIGHEST + 1);
		assertThat(this.models.model("gone")).hasValueSatisfying((gone) -> assertThat(gone.versions()).isEmpty());
		assertThat(this.models.allocateVersion("gone")).isEqualTo(2);
		assertThat(this.models.allocateVersion("other")).isEqualTo(2);
	}

	@Test
	void aSecondRunChangesNothing() throws IOException {
		assertThat(importIt()).as(this.err.toString()).isZero();
		Map<String, List<String>> rows = rows();
		List<Blobs.Entry> stored = this.blobs.entries("");
		assertThat(rows.get("model_version")).hasSize(3);
		assertThat(stored).as("3 weights, 1 checkpoint, 4 data set files").hasSize(8);
		this.out.reset();

		assertThat(importIt()).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("model versions: 0 imported, 3 already there")
			.contains("version counters: 0 imported, 3 already there")
			.contains("version tags: 0 imported, 1 already there")
			.contains("alias moves: 0 imported, 6 already there")
			.contains("alias policies: 0 imported, 1 already there")
			.contains("job records: 0 imported, 2 already there")
			.contains("checkpoints: 0 imported, 1 already there")
			.contains("data sets: 0 imported, 1 already there")
			.doesNotContainPattern("[1-9][0-9]* imported");
		assertThat(rows()).as("every row as it was, updated_at included").isEqualTo(rows);
		assertThat(this.blobs.entries("")).as("every blob as it was, its time included").isEqualTo(stored);
	}

	private int importIt() {
		S3ProxyServer s3 = SharedServers.s3();
		this.err.reset();
		return ImportCommand.run(new String[] { "--from", this.source.toString(), "--descent.storage.kind=shared",
				"--spring.datasource.url=" + this.url,
				"--spring.datasource.username=" + SharedServers.postgres().username(),
				"--descent.storage.s3.endpoint=" + s3.endpoint(), "--descent.storage.s3.bucket=" + s3.bucket(),
				"--descent.storage.s3.prefix=" + this.prefix, "--descent.data-dir=" + this.dir.resolve("unused") },
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	/** Every row of every table, as PostgreSQL prints it, in order. */
	private Map<String, List<String>> rows() {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String table : TABLES) {
			rows.put(table,
					this.database.jdbc()
						.sql("select t::text from " + table + " t order by 1")
						.query(String.class)
						.list());
		}
		return rows;
	}

}
