package dev.descent.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.descent.models.AliasMove;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelMetadata;
import dev.descent.models.ModelStore;
import dev.descent.models.StoredModel;
import dev.descent.models.StoredVersion;
import dev.descent.storage.filesystem.FileModelStore;

/**
 * Copies a data directory's model registry into a {@link ModelStore}: each version with
 * its number, metadata and weights (checked against their SHA-256 on the way) and its
 * tags, then the model's counter (the highest number it ever gave, deleted versions
 * included), then each alias by replaying its history move by move, and its policy. What
 * the target already holds unchanged is skipped, so a second run writes nothing; a
 * version number the target holds with other weights, or an alias whose history there
 * went another way, is a conflict and left alone.
 */
final class ModelImport {

	/** Who made the one move an import adds itself: for an alias with no history. */
	static final String IMPORTER = "import";

	private final FileModelStore source;

	private final ModelStore target;

	private final ImportReport report;

	ModelImport(FileModelStore source, ModelStore target, ImportReport report) {
		this.source = source;
		this.target = target;
		this.report = report;
	}

	void run() throws IOException {
		List<StoredModel> models = new ArrayList<>(this.source.models());
		models.sort(Comparator.comparing(StoredModel::name));
		for (StoredModel model : models) {
			Map<Integer, StoredVersion> existing = this.target.model(model.name())
				.map(StoredModel::versions)
				.orElse(Collections.emptyNavigableMap());
			boolean clean = true;
			for (StoredVersion version : model.versions().values()) {
				clean &= importVersion(model.name(), version, existing.get(version.version()));
			}
			if (!clean) {
				this.report.conflict("model " + model.name() + ": aliases not imported, since versions conflict");
				continue;
			}
			importCounter(model.name());
			for (String alias : this.source.aliasNames(model.name())) {
				importAlias(model, alias);
			}
		}
	}

	/**
	 * Carries the source's counter, so that the numbers of versions deleted there (the
	 * highest ones too) are never given again in the target.
	 */
	private void importCounter(String name) throws IOException {
		int highest = this.source.highestVersion(name);
		if (highest > 0 && this.target.raiseHighestVersion(name, highest)) {
			this.report.imported(ImportReport.COUNTERS);
		}
		else {
			this.report.unchanged(ImportReport.COUNTERS);
		}
	}

	/**
	 * @param existing the target's version of that number, null when it has none
	 * @return false when the version conflicts or cannot be copied
	 */
	private boolean importVersion(String name, StoredVersion version, StoredVersion existing) throws IOException {
		String what = "model " + name + " version " + version.version();
		ModelMetadata metadata = version.metadata();
		if (metadata == null || metadata.weightsSha256() == null) {
			this.report.conflict(what + ": its metadata cannot be read in --from");
			return false;
		}
		if (existing != null) {
			String there = (existing.metadata() != null) ? existing.metadata().weightsSha256() : null;
			if (!metadata.weightsSha256().equals(there)) {
				this.report.conflict(what + ": weights SHA-256 " + metadata.weightsSha256() + " in --from, " + there
						+ " in the target");
				return false;
			}
			this.report.unchanged(ImportReport.VERSIONS);
		}
		else if (!copyVersion(what, metadata)) {
			return false;
		}
		copyTags(name, version, (existing != null) ? existing.tags() : Map.of());
		return true;
	}

	private boolean copyVersion(String what, ModelMetadata metadata) throws IOException {
		try {
			this.target.importVersion(metadata,
					(out) -> this.source.readWeights(metadata.name(), metadata.version(), (in) -> in.transferTo(out)));
		}
		catch (IOException ex) {
			this.report.conflict(what + ": cannot be copied: " + ex.getMessage());
			return false;
		}
		this.report.imported(ImportReport.VERSIONS);
		return true;
	}

	private void copyTags(String name, StoredVersion version, Map<String, String> there) throws IOException {
		for (Map.Entry<String, String> tag : version.tags().entrySet()) {
			if (tag.getValue().equals(there.get(tag.getKey()))) {
				this.report.unchanged(ImportReport.TAGS);
			}
			else {
				this.target.putTag(name, version.version(), tag.getKey(), tag.getValue());
				this.report.imported(ImportReport.TAGS);
			}
		}
	}

	/**
	 * Replays the moves of the source's history that the target's lacks, oldest first,
	 * each applied only while the target's alias is where the source's was.
	 */
	private void importAlias(StoredModel model, String alias) throws IOException {
		String name = model.name();
		List<AliasMove> moves = oldestFirst(this.source.aliasHistory(name, alias));
		List<AliasMove> there = oldestFirst(this.target.aliasHistory(name, alias));
		Integer wanted = model.aliases().get(alias);
		int common = commonStart(moves, there);
		if (common < there.size()) {
			if (common < moves.size() || !Objects.equals(current(name, alias), wanted)) {
				this.report.conflict(
						"alias " + alias + " of model " + name + ": the target's history has moves --from has not");
				return;
			}
		}
		this.report.unchanged(ImportReport.MOVES, common);
		for (AliasMove move : moves.subList(common, moves.size())) {
			if (!apply(move)) {
				return;
			}
		}
		Integer now = current(name, alias);
		if (!Objects.equals(now, wanted) && !apply(new AliasMove(name, alias, now, wanted, Instant.now(), IMPORTER,
				"imported; --from had no history of this alias"))) {
			return;
		}
		importPolicy(name, alias);
	}

	private boolean apply(AliasMove move) throws IOException {
		if (this.target.moveAlias(move)) {
			this.report.imported(ImportReport.MOVES);
			return true;
		}
		this.report.conflict("alias " + move.alias() + " of model " + move.model()
				+ ": moved in the target meanwhile, not where --from had it before its move to " + move.to());
		return false;
	}

	private void importPolicy(String name, String alias) throws IOException {
		Optional<AliasPolicy> policy = this.source.aliasPolicy(name, alias);
		if (policy.isEmpty()) {
			return;
		}
		Optional<AliasPolicy> there = this.target.aliasPolicy(name, alias);
		if (there.equals(policy)) {
			this.report.unchanged(ImportReport.POLICIES);
		}
		else if (there.isPresent()) {
			this.report.conflict("alias " + alias + " of model " + name + ": policy " + there.get() + " in the target, "
					+ policy.get() + " in --from");
		}
		else {
			this.target.putAliasPolicy(name, alias, policy.get());
			this.report.imported(ImportReport.POLICIES);
		}
	}

	private Integer current(String name, String alias) throws IOException {
		return this.target.model(name).map((m) -> m.aliases().get(alias)).orElse(null);
	}

	private static List<AliasMove> oldestFirst(List<AliasMove> newestFirst) {
		List<AliasMove> moves = new ArrayList<>(newestFirst);
		Collections.reverse(moves);
		return moves;
	}

	/**
	 * @return how many moves at the start of both histories are the same move
	 */
	private static int commonStart(List<AliasMove> a, List<AliasMove> b) {
		int i = 0;
		while (i < a.size() && i < b.size() && same(a.get(i), b.get(i))) {
			i++;
		}
		return i;
	}

	/**
	 * Two records of one move: every field equal, the time to the millisecond (a database
	 * may keep fewer digits than an {@link Instant}).
	 */
	static boolean same(AliasMove a, AliasMove b) {
		return Objects.equals(a.from(), b.from()) && Objects.equals(a.to(), b.to())
				&& a.at().truncatedTo(ChronoUnit.MILLIS).equals(b.at().truncatedTo(ChronoUnit.MILLIS))
				&& Objects.equals(a.by(), b.by()) && Objects.equals(a.reason(), b.reason())
				&& a.rollback() == b.rollback();
	}

}
