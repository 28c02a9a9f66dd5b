package dev.descent.models;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import org.junit.jupiter.api.Test;

import static dev.descent.models.ModelFixtures.inputs;
import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What every {@link ModelStore} backend promises, run against each: one subclass per
 * backend gives stores over one fresh, empty state per test.
 */
public abstract class ModelStoreContract {

	/**
	 * @return a store over this test's state; each call is a new instance (a restart, or
	 * another replica), every instance seeing what the others wrote
	 */
	protected abstract ModelStore open();

	/**
	 * @return the store the i-th of 8 concurrent publishers uses: by default one shared
	 * instance (a backend that one process owns); a shared backend gives each its own
	 */
	protected ModelStore publisher(int i, ModelStore shared) {
		return shared;
	}

	/** Changes a byte of the stored weights of a version, as a failing disk would. */
	protected abstract void corruptWeights(String name, int version) throws IOException;

	/**
	 * @return a store over this test's state whose {@link ModelStore#publish} writes the
	 * weights blob and then fails (as a crash would) before the version is visible
	 */
	protected abstract ModelStore interruptedBeforeRecord();

	@Test
	void publishedVersionLoadsAndPredictsExactlyWhatWasRegistered() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		Network network = network(1);
		ModelRef ref = repository.register("mnist", network, provenance());
		for (ModelRepository reader : List.of(repository, new ModelRepository(open()))) {
			Network loaded = reader.load("mnist", ref.version());
			for (double[] input : inputs(3)) {
				assertThat(loaded.predict(input)).containsExactly(network.predict(input));
			}
			ModelVersion version = reader.version("mnist", 1);
			assertThat(version.status()).isEqualTo(ModelVersion.Status.OK);
			assertThat(version.metadata().layers()).containsExactly(784, 3, 10);
			assertThat(version.metadata().optimizer().settings()).containsEntry("momentum", 0.9);
		}
	}

	@Test
	void publishRecordsTheSha256OfTheStreamedWeights() throws IOException {
		ModelStore store = open();
		int version = store.allocateVersion("mnist");
		byte[] weights = new byte[100_000];
		weights[7] = 7;
		ModelMetadata stored = store.publish(metadata("mnist", version), (out) -> out.write(weights));
		assertThat(stored.weightsSha256()).isEqualTo(Sha256.hex(weights));
		byte[] read = open().readWeights("mnist", version, (in) -> in.readAllBytes());
		assertThat(read).isEqualTo(weights);
		assertThat(open().model("mnist").orElseThrow().versions().get(version).metadata()).isEqualTo(stored);
	}

	@Test
	void deletedVersionIsGoneAndItsNumberNeverComesBack() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		for (int expected = 1; expected <= 3; expected++) {
			assertThat(repository.register("mnist", network(expected), provenance()).version()).isEqualTo(expected);
		}
		repository.deleteVersion("mnist", 3);
		assertThat(new ModelRepository(open()).versions("mnist")).extracting(ModelVersion::version)
			.containsExactly(1, 2);
		assertThat(repository.register("mnist", network(4), provenance()).version()).isEqualTo(4);
		repository.deleteVersion("mnist", 4);
		ModelRepository restarted = new ModelRepository(open());
		assertThat(restarted.register("mnist", network(5), provenance()).version()).isEqualTo(5);
		assertThat(restarted.list()).singleElement().extracting(ModelSummary::latestVersion).isEqualTo(5);
		assertThatIOException().isThrownBy(() -> open().readWeights("mnist", 3, (in) -> in.readAllBytes()));
	}

	@Test
	void eightConcurrentPublishersGetDistinctNumbers() throws Exception {
		ModelStore shared = open();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Integer>>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				ModelStore store = publisher(i, shared);
				Callable<List<Integer>> publisher = () -> {
					List<Integer> numbers = new ArrayList<>();
					for (int k = 0; k < 5; k++) {
						int version = store.allocateVersion("mnist");
						store.publish(metadata("mnist", version), (out) -> out.write(new byte[] { (byte) version }));
						numbers.add(version);
					}
					return numbers;
				};
				results.add(pool.submit(publisher));
			}
			Set<Integer> all = new TreeSet<>();
			for (Future<List<Integer>> result : results) {
				all.addAll(result.get());
			}
			assertThat(all).hasSize(40).first().isEqualTo(1);
			assertThat(open().model("mnist").orElseThrow().versions().keySet()).containsExactlyElementsOf(all);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFailedWriteLeavesNoVersionAndItsNumberIsNotReused() throws IOException {
		ModelStore store = open();
		int version = store.allocateVersion("mnist");
		assertThatIOException().isThrownBy(() -> store.publish(metadata("mnist", version), (out) -> {
			out.write(new byte[1000]);
			throw new IOException("disk full");
		})).withMessage("disk full");
		assertThat(open().model("mnist").orElseThrow().versions()).isEmpty();
		ModelRepository repository = new ModelRepository(open());
		assertThat(repository.list()).singleElement().extracting(ModelSummary::latestVersion).isNull();
		assertThatExceptionOfType(ModelNotFoundException.class).isThrownBy(() -> repository.load("mnist", 1));
		assertThat(repository.register("mnist", network(2), provenance()).version()).isEqualTo(2);
	}

	@Test
	void aPublishInterruptedBetweenBlobAndRecordLeavesNoVisibleVersion() throws IOException {
		ModelStore crashing = interruptedBeforeRecord();
		int version = crashing.allocateVersion("mnist");
		assertThatIOException()
			.isThrownBy(() -> crashing.publish(metadata("mnist", version), (out) -> out.write(new byte[1000])));
		ModelRepository restarted = new ModelRepository(open());
		assertThat(restarted.versions("mnist")).isEmpty();
		assertThatExceptionOfType(ModelNotFoundException.class).isThrownBy(() -> restarted.resolve("mnist", 1, null));
		assertThat(restarted.register("mnist", network(2), provenance()).version()).isEqualTo(2);
	}

	@Test
	void aCorruptBlobMakesOnlyThatVersionCorrupt() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		corruptWeights("mnist", 2);
		assertThatExceptionOfType(CorruptModelException.class).isThrownBy(() -> repository.load("mnist", 2))
			.withMessage("version 2 of model mnist failed its checksum");
		assertThat(repository.version("mnist", 2).status()).isEqualTo(ModelVersion.Status.CORRUPT);
		assertThat(repository.load("mnist", 1)).isNotNull();
		assertThat(repository.resolve("mnist", null, null).version()).isEqualTo(1);
		ModelRepository restarted = new ModelRepository(open());
		assertThat(restarted.version("mnist", 2).isCorrupt()).isTrue();
		assertThat(restarted.version("mnist", 1).isCorrupt()).isFalse();
	}

	@Test
	void aliasesMoveOnlyFromWhereTheyPointAndAreSeenByTheNextReader() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		ModelStore store = open();
		assertThat(store.moveAlias(move(null, 1))).isTrue();
		assertThat(store.moveAlias(move(null, 2))).isFalse();
		assertThat(open().moveAlias(move(1, 2))).isTrue();
		assertThat(store.moveAlias(move(1, 1))).isFalse();
		assertThat(open().model("mnist").orElseThrow().aliases())
			.containsExactlyEntriesOf(java.util.Map.of("production", 2));
		assertThat(new ModelRepository(open()).resolve("mnist", null, null).version()).isEqualTo(2);
		assertThat(store.moveAlias(move(2, null))).isTrue();
		assertThat(open().model("mnist").orElseThrow().aliases()).isEmpty();
	}

	@Test
	void everyAppliedMoveIsInTheAliasHistoryNewestFirstAndARefusedOneIsNot() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		ModelStore store = open();
		AliasMove first = new AliasMove("mnist", "production", null, 1, Instant.parse("2026-12-01T10:00:00Z"), "ops",
				"first release");
		AliasMove second = new AliasMove("mnist", "production", 1, 2, Instant.parse("2026-12-01T11:00:00Z"), "open",
				null);
		AliasMove back = new AliasMove("mnist", "production", 2, 1, Instant.parse("2026-12-01T11:00:00Z"), "ci",
				"v2 misbehaves", true);
		assertThat(store.moveAlias(first)).isTrue();
		assertThat(store.moveAlias(second)).isTrue();
		assertThat(store.moveAlias(move(1, 2))).isFalse();
		assertThat(open().moveAlias(back)).isTrue();
		assertThat(store.moveAlias(new AliasMove("mnist", "staging", null, 2, Instant.now(), "open", null))).isTrue();
		assertThat(open().aliasHistory("mnist", "production")).containsExactly(back, second, first);
		assertThat(open().aliasHistory("mnist", "staging")).extracting(AliasMove::to).containsExactly(2);
		assertThat(open().aliasHistory("mnist", "canary")).isEmpty();
		assertThat(open().aliasHistory("nothing", "production")).isEmpty();
	}

	@Test
	void theHistoryOutlivesTheAliasAndTheVersionsItPointedAt() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		ModelStore store = open();
		assertThat(store.moveAlias(move(null, 1))).isTrue();
		assertThat(store.moveAlias(move(1, 2))).isTrue();
		assertThat(store.moveAlias(move(2, null))).isTrue();
		store.deleteVersion("mnist", 1);
		assertThat(open().aliasHistory("mnist", "production")).extracting(AliasMove::from, AliasMove::to)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, null), org.assertj.core.groups.Tuple.tuple(1, 2),
					org.assertj.core.groups.Tuple.tuple(null, 1));
		assertThat(open().model("mnist").orElseThrow().aliases()).isEmpty();
	}

	@Test
	void aPolicyIsStoredPerAliasReplacedAndRemoved() throws IOException {
		new ModelRepository(open()).register("mnist", network(1), provenance());
		ModelStore store = open();
		assertThat(store.aliasPolicy("mnist", "production")).isEmpty();
		store.putAliasPolicy("mnist", "production", new AliasPolicy(0.97, null, null));
		store.putAliasPolicy("mnist", "production", new AliasPolicy(0.95, true, 0.001));
		store.putAliasPolicy("mnist", "staging", new AliasPolicy(0.5, null, null));
		assertThat(open().aliasPolicy("mnist", "production")).contains(new AliasPolicy(0.95, true, 0.001));
		assertThat(open().aliasPolicy("mnist", "staging")).contains(new AliasPolicy(0.5, null, null));
		store.putAliasPolicy("mnist", "production", null);
		assertThat(open().aliasPolicy("mnist", "production")).isEmpty();
		assertThat(open().aliasPolicy("mnist", "staging")).isPresent();
	}

	@Test
	void tagsAreReadWithTheirVersionAndGoWithIt() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		ModelStore store = open();
		store.putTag("mnist", 1, "stage", "candidate");
		store.putTag("mnist", 1, "stage", "approved");
		store.putTag("mnist", 1, "owner", "ops team: ünïcode");
		store.putTag("mnist", 2, "stage", "candidate");
		assertThat(open().model("mnist").orElseThrow().versions().get(1).tags()).containsExactlyEntriesOf(
				new java.util.TreeMap<>(java.util.Map.of("owner", "ops team: ünïcode", "stage", "approved")));
		assertThat(store.deleteTag("mnist", 1, "owner")).isTrue();
		assertThat(store.deleteTag("mnist", 1, "owner")).isFalse();
		assertThat(open().model("mnist").orElseThrow().versions().get(1).tags())
			.containsExactlyEntriesOf(java.util.Map.of("stage", "approved"));
		assertThat(new ModelRepository(open()).version("mnist", 2).tags()).containsEntry("stage", "candidate");
		store.deleteVersion("mnist", 2);
		assertThatIOException().isThrownBy(() -> store.putTag("mnist", 2, "stage", "x"));
		assertThatIOException().isThrownBy(() -> store.deleteTag("mnist", 2, "stage"));
		assertThatIOException().isThrownBy(() -> store.putTag("mnist", 9, "stage", "x"));
		assertThat(repository.register("mnist", network(3), provenance()).version()).isEqualTo(3);
		assertThat(open().model("mnist").orElseThrow().versions().get(3).tags()).isEmpty();
	}

	@Test
	void historyPolicyAndRollbackSurviveARestartOfTheRepository() throws IOException {
		ModelRepository repository = new ModelRepository(open());
		for (int i = 1; i <= 3; i++) {
			repository.register("mnist", network(i), provenance());
		}
		repository.putAlias("mnist", "production", new AliasChange(1, null, "ops", "first"));
		repository.putAlias("mnist", "production", new AliasChange(2, null, "ops", null));
		repository.putAlias("mnist", "production", new AliasChange(3, null, "ci", "nightly"));
		repository.putPolicy("mnist", "production", new AliasPolicy(0.5, null, null), "ops");
		ModelRepository restarted = new ModelRepository(open());
		assertThat(restarted.aliasHistory("mnist", "production")).extracting(AliasMove::to, AliasMove::by)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "ci"),
					org.assertj.core.groups.Tuple.tuple(2, "ops"), org.assertj.core.groups.Tuple.tuple(1, "ops"));
		assertThat(restarted.policy("mnist", "production")).isEqualTo(new AliasPolicy(0.5, null, null));
		assertThat(restarted.rollback("mnist", "production", "ops", "bad").version()).isEqualTo(2);
		ModelRepository again = new ModelRepository(open());
		assertThat(again.resolve("mnist", null, "production").version()).isEqualTo(2);
		assertThat(again.rollback("mnist", "production", "ops", null).version()).isEqualTo(1);
		assertThat(new ModelRepository(open()).aliasHistory("mnist", "production").get(0))
			.satisfies((move) -> assertThat(move.rollback()).isTrue())
			.extracting(AliasMove::from, AliasMove::to)
			.containsExactly(2, 1);
	}

	@Test
	void aModelNeverAllocatedIsUnknown() throws IOException {
		ModelStore store = open();
		assertThat(store.model("nothing")).isEmpty();
		assertThat(store.models()).isEmpty();
		assertThat(store.availability().available()).isTrue();
	}

	@Test
	void anImportedVersionKeepsItsNumberMetadataAndChecksum() throws IOException {
		byte[] weights = new byte[10_000];
		weights[3] = 3;
		ModelMetadata source = metadata("mnist", 7).withWeightsSha256(Sha256.hex(weights));
		ModelMetadata stored = open().importVersion(source, (out) -> out.write(weights));
		assertThat(stored).isEqualTo(source);
		ModelStore reader = open();
		assertThat(reader.model("mnist").orElseThrow().versions()).containsOnlyKeys(7);
		assertThat(reader.model("mnist").orElseThrow().versions().get(7).metadata()).isEqualTo(source);
		byte[] read = reader.readWeights("mnist", 7, (in) -> in.readAllBytes());
		assertThat(read).isEqualTo(weights);
	}

	@Test
	void aVersionImportedWithAHighNumberIsNeverAllocatedAgain() throws IOException {
		ModelStore store = open();
		assertThat(store.allocateVersion("mnist")).isEqualTo(1);
		importWeights(store, "mnist", 5);
		importWeights(store, "mnist", 3);
		assertThat(open().allocateVersion("mnist")).isEqualTo(6);
		ModelRepository repository = new ModelRepository(open());
		assertThat(repository.versions("mnist")).extracting(ModelVersion::version).containsExactly(3, 5);
		assertThat(repository.register("mnist", network(8), provenance()).version()).isEqualTo(7);
		assertThat(importWeights(open(), "other", 2).version()).isEqualTo(2);
		assertThat(open().allocateVersion("other")).isEqualTo(3);
	}

	@Test
	void aRaisedCounterIsNeverLoweredAndNumbersGoOnAboveIt() throws IOException {
		ModelStore store = open();
		importWeights(store, "mnist", 2);
		assertThat(store.raiseHighestVersion("mnist", 5)).isTrue();
		assertThat(store.raiseHighestVersion("mnist", 5)).as("already there").isFalse();
		assertThat(store.raiseHighestVersion("mnist", 3)).as("never lowered").isFalse();
		assertThat(open().model("mnist").orElseThrow().versions()).containsOnlyKeys(2);
		assertThat(open().allocateVersion("mnist")).isEqualTo(6);
		assertThat(store.raiseHighestVersion("deleted", 4)).as("a model with no versions left").isTrue();
		assertThat(open().model("deleted")).hasValueSatisfying((m) -> assertThat(m.versions()).isEmpty());
		assertThat(open().allocateVersion("deleted")).isEqualTo(5);
	}

	@Test
	void anImportIsRefusedOverAnExistingVersionAndKeepsIt() throws IOException {
		ModelMetadata first = importWeights(open(), "mnist", 2);
		byte[] other = { 9, 9, 9 };
		assertThatIOException().isThrownBy(() -> open()
			.importVersion(metadata("mnist", 2).withWeightsSha256(Sha256.hex(other)), (out) -> out.write(other)));
		ModelStore reader = open();
		assertThat(reader.model("mnist").orElseThrow().versions().get(2).metadata()).isEqualTo(first);
		String sha256 = reader.readWeights("mnist", 2, (in) -> Sha256.hex(in.readAllBytes()));
		assertThat(sha256).isEqualTo(first.weightsSha256());
	}

	@Test
	void anImportWhoseWeightsDoNotMatchTheirChecksumLeavesNoVersion() throws IOException {
		byte[] weights = { 1, 2, 3 };
		ModelMetadata wrong = metadata("mnist", 4).withWeightsSha256(Sha256.hex(new byte[] { 1, 2, 4 }));
		assertThatIOException().isThrownBy(() -> open().importVersion(wrong, (out) -> out.write(weights)));
		assertThat(open().model("mnist").map((m) -> m.versions().keySet()).orElse(Set.of())).isEmpty();
		assertThatIOException().isThrownBy(() -> open().readWeights("mnist", 4, (in) -> in.readAllBytes()));
	}

	private static ModelMetadata importWeights(ModelStore store, String name, int version) throws IOException {
		byte[] weights = { (byte) version, 1, 2 };
		return store.importVersion(metadata(name, version).withWeightsSha256(Sha256.hex(weights)),
				(out) -> out.write(weights));
	}

	private static AliasMove move(Integer from, Integer to) {
		return new AliasMove("mnist", "production", from, to, Instant.now(), "open", null);
	}

	private static ModelMetadata metadata(String name, int version) {
		return ModelMetadata.of(name, version, network(1).spec(), provenance(), null,
				Instant.parse("2026-12-01T00:00:00Z"));
	}

}
