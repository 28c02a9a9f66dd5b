package dev.descent.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.descent.storage.filesystem.FileStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Gated moves, policies, rollback, tags and search in the repository, on the filesystem
 * store. Versions 1 to 4 of "mnist" have test accuracies 0.95, 0.97, 0.96 and 0.99.
 */
class AliasLifecycleTest {

	@TempDir
	Path dataDir;

	private ModelRepository repository;

	@BeforeEach
	void fourVersions() throws IOException {
		this.repository = new ModelRepository(FileStores.models(this.dataDir));
		for (int correct : new int[] { 950, 970, 960, 990 }) {
			this.repository.register("mnist", network(correct), provenance(correct));
		}
	}

	@Test
	void aMoveBelowMinAccuracyIsRefusedWithBothAccuracies() throws IOException {
		move(2, null);
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> move(1, new AliasPolicy(0.96, null, null)))
			.satisfies((ex) -> {
				assertThat(ex.accuracy()).isEqualTo(0.95);
				assertThat(ex.currentVersion()).isEqualTo(2);
				assertThat(ex.currentAccuracy()).isEqualTo(0.97);
				assertThat(ex.requiredAccuracy()).isEqualTo(0.96);
				assertThat(ex.condition()).isEqualTo(PromotionRefusedException.Condition.MIN_ACCURACY);
				assertThat(ex.byPolicy()).isFalse();
			})
			.withMessage("alias 'production' of model mnist was not moved: version 1 has accuracy 0.95, "
					+ "and minAccuracy is 0.96 (the request)");
		assertThat(target()).isEqualTo(2);
		assertThat(this.repository.aliasHistory("mnist", "production")).hasSize(1);
	}

	@Test
	void mustBeatCurrentNeedsTheCurrentAccuracyPlusTheMargin() throws IOException {
		move(2, null);
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> move(3, new AliasPolicy(null, true, null)))
			.satisfies((ex) -> assertThat(ex.requiredAccuracy()).isEqualTo(0.97));
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> move(4, new AliasPolicy(null, true, 0.03)))
			.satisfies((ex) -> assertThat(ex.condition())
				.isEqualTo(PromotionRefusedException.Condition.MUST_BEAT_CURRENT));
		move(4, new AliasPolicy(0.98, true, 0.02));
		assertThat(target()).isEqualTo(4);
	}

	@Test
	void theStoredPolicyAppliesToEveryMoveBeforeTheRequestsConditions() throws IOException {
		this.repository.putPolicy("mnist", "production", new AliasPolicy(null, true, 0.001), "ops");
		move(2, null);
		assertThatExceptionOfType(PromotionRefusedException.class).isThrownBy(() -> move(3, null))
			.satisfies((ex) -> assertThat(ex.byPolicy()).isTrue());
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> move(4, new AliasPolicy(0.995, null, null)))
			.satisfies((ex) -> assertThat(ex.byPolicy()).isFalse());
		move(4, null);
		this.repository.putPolicy("mnist", "production", AliasPolicy.NONE, "ops");
		assertThat(this.repository.policy("mnist", "production")).isEqualTo(AliasPolicy.NONE);
		move(1, null);
		assertThat(target()).isEqualTo(1);
	}

	@Test
	void anImportedVersionWithoutAccuracyFailsEveryConditionAndLeavesNothingToBeat() throws IOException {
		this.repository.register("mnist", network(5),
				TrainingProvenance.imported(new ImportedFrom("onnx", "ab", 10, "pytorch")));
		move(1, null);
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> move(5, new AliasPolicy(0.5, null, null)))
			.withMessage("alias 'production' of model mnist was not moved: version 5 has no accuracy, "
					+ "and minAccuracy is 0.5 (the request)");
		move(5, null);
		move(3, new AliasPolicy(null, true, 0.01));
		assertThat(target()).isEqualTo(3);
	}

	@Test
	void rollbackGoesBackOneStepAtATimeAndIsRecorded() throws IOException {
		move(1, null);
		move(2, null);
		move(4, null);
		AliasState back = this.repository.rollback("mnist", "production", "ops", "v4 misbehaves");
		assertThat(back.version()).isEqualTo(2);
		assertThat(back.move())
			.extracting(AliasMove::from, AliasMove::to, AliasMove::by, AliasMove::reason, AliasMove::rollback)
			.containsExactly(4, 2, "ops", "v4 misbehaves", true);
		assertThat(this.repository.rollback("mnist", "production", "ops", null).version()).isEqualTo(1);
		assertThatExceptionOfType(NoRollbackTargetException.class)
			.isThrownBy(() -> this.repository.rollback("mnist", "production", "ops", null))
			.withMessage("alias 'production' of model mnist cannot be rolled back from version 1: "
					+ "its history holds no earlier version that still exists and is not corrupt");
		assertThat(this.repository.aliasHistory("mnist", "production")).extracting(AliasMove::to)
			.containsExactly(1, 2, 4, 2, 1);
	}

	@Test
	void rollbackSkipsDeletedVersionsAndRefusesWhenNoneIsLeft() throws IOException {
		move(1, null);
		move(2, null);
		move(3, null);
		this.repository.deleteVersion("mnist", 2);
		assertThat(this.repository.rollback("mnist", "production", "ops", null).version()).isEqualTo(1);
		move(4, null);
		this.repository.deleteVersion("mnist", 1);
		// version 3 was rolled back from, so it is not a version the alias held before 4
		assertThatExceptionOfType(NoRollbackTargetException.class)
			.isThrownBy(() -> this.repository.rollback("mnist", "production", "ops", null))
			.satisfies((ex) -> assertThat(ex.currentVersion()).isEqualTo(4));
		assertThat(target()).isEqualTo(4);
	}

	@Test
	void rollbackIgnoresMustBeatCurrentButKeepsThePolicysMinAccuracy() throws IOException {
		move(2, null);
		move(4, null);
		this.repository.putPolicy("mnist", "production", new AliasPolicy(null, true, 0.0), "ops");
		assertThat(this.repository.rollback("mnist", "production", "ops", null).version()).isEqualTo(2);
		move(4, null);
		this.repository.putPolicy("mnist", "production", new AliasPolicy(0.98, null, null), "ops");
		assertThatExceptionOfType(PromotionRefusedException.class)
			.isThrownBy(() -> this.repository.rollback("mnist", "production", "ops", null))
			.satisfies((ex) -> assertThat(ex.accuracy()).isEqualTo(0.97));
		assertThat(target()).isEqualTo(4);
	}

	@Test
	void deletingAnAliasEndsItsLineButKeepsItsHistory() throws IOException {
		move(1, null);
		this.repository.deleteAlias("mnist", "production", "ops", "retired");
		assertThat(this.repository.aliasHistory("mnist", "production").get(0))
			.extracting(AliasMove::to, AliasMove::reason)
			.containsExactly(null, "retired");
		move(3, null);
		assertThatExceptionOfType(NoRollbackTargetException.class)
			.isThrownBy(() -> this.repository.rollback("mnist", "production", "ops", null));
		assertThatExceptionOfType(ModelNotFoundException.class)
			.isThrownBy(() -> this.repository.aliasHistory("mnist", "canary"));
	}

	@Test
	void movingAnAliasWhereItPointsRecordsNothing() throws IOException {
		move(2, null);
		move(2, new AliasPolicy(null, true, 0.5));
		assertThat(this.repository.aliasHistory("mnist", "production")).hasSize(1);
	}

	@Test
	void searchFiltersByTagsAndAccuracyAndSorts() throws IOException {
		this.repository.putTag("mnist", 2, "stage", "candidate");
		this.repository.putTag("mnist", 4, "stage", "candidate");
		this.repository.putTag("mnist", 4, "data", "v2");
		this.repository.putTag("mnist", 3, "stage", "retired");
		assertThat(search(List.of("stage:candidate"), null, "-accuracy")).containsExactly(4, 2);
		assertThat(search(List.of("stage:candidate", "data:v2"), null, null)).containsExactly(4);
		assertThat(search(null, "0.96", "-version")).containsExactly(4, 3, 2);
		assertThat(search(null, null, "accuracy")).containsExactly(1, 3, 2, 4);
		assertThat(search(null, null, "createdAt")).containsExactly(1, 2, 3, 4);
		this.repository.deleteTag("mnist", 4, "stage");
		assertThat(search(List.of("stage:candidate"), null, null)).containsExactly(2);
		assertThat(new ModelRepository(FileStores.models(this.dataDir)).version("mnist", 4).tags())
			.containsExactlyEntriesOf(java.util.Map.of("data", "v2"));
	}

	@Test
	void badSearchesAndTagsNameTheirField() {
		assertField(() -> VersionQuery.parse(List.of("stage"), null, null), "tag");
		assertField(() -> VersionQuery.parse(List.of("Stage:x"), null, null), "tag");
		assertField(() -> VersionQuery.parse(List.of("stage:"), null, null), "tag");
		assertField(() -> VersionQuery.parse(null, "1.5", null), "minAccuracy");
		assertField(() -> VersionQuery.parse(null, "high", null), "minAccuracy");
		assertField(() -> VersionQuery.parse(null, null, "-name"), "sort");
		assertField(() -> this.repository.putTag("mnist", 1, "../x", "v"), "key");
		assertField(() -> this.repository.putTag("mnist", 1, "stage", ""), "value");
		assertField(() -> this.repository.putTag("mnist", 1, "stage", "a\nb"), "value");
		assertField(() -> move(1, new AliasPolicy(1.5, null, null)), "minAccuracy");
		assertField(() -> move(1, new AliasPolicy(null, null, 0.1)), "margin");
		assertField(
				() -> this.repository.putAlias("mnist", "production", new AliasChange(1, null, "ops", "x".repeat(501))),
				"reason");
		assertThatExceptionOfType(ModelNotFoundException.class)
			.isThrownBy(() -> this.repository.deleteTag("mnist", 1, "stage"))
			.withMessage("version 1 of model mnist has no tag 'stage'");
	}

	private void move(int version, AliasPolicy conditions) throws IOException {
		this.repository.putAlias("mnist", "production", new AliasChange(version, conditions, "ops", null));
	}

	private int target() {
		return this.repository.resolve("mnist", null, "production").version();
	}

	private List<Integer> search(List<String> tags, String minAccuracy, String sort) {
		return this.repository.versions("mnist", VersionQuery.parse(tags, minAccuracy, sort))
			.stream()
			.map(ModelVersion::version)
			.toList();
	}

	private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
		assertThatExceptionOfType(InvalidModelRequestException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

}
