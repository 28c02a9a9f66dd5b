package dev.descent.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import dev.descent.engine.Network;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * The versioned model registry, kept by a {@link ModelStore}. Versions count 1, 2, 3...
 * per model and a number is never reused, even after deletion or a crash (the store
 * allocates them); a version is immutable once visible, and a corrupt one is reported,
 * never served.
 *
 * <p>
 * Every model's versions and aliases are kept in memory (read once at start, updated by
 * every change made here, and re-read when the store signals a change made by another
 * process), so {@link #resolve} never touches the store and a slow store never delays a
 * prediction of a cached version. Changes of aliases and deletions are serialised; reads
 * take no lock.
 */
@Service
public class ModelRepository {

	private static final Log logger = LogFactory.getLog(ModelRepository.class);

	/**
	 * The alias that {@link #resolve} prefers when neither version nor alias is given.
	 */
	public static final String PRODUCTION = "production";

	private final ModelStore store;

	private final Map<String, ModelState> models = new ConcurrentHashMap<>();

	/**
	 * Counts this process's changes to {@link #models} that follow a write to the store,
	 * each counted after the store's write and before the change in memory: a
	 * {@link #refresh} whose reading of the store began before one of them may have read
	 * the store without it, and reads again rather than put that older state over it.
	 */
	private final AtomicLong localWrites = new AtomicLong();

	/**
	 * Reads every model from {@code store}, verifying every version, and listens for the
	 * changes other processes make.
	 * @throws UncheckedIOException when the store cannot be read
	 */
	public ModelRepository(ModelStore store) {
		this.store = store;
		try {
			this.models.putAll(new ModelReader(store).readAll());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the model repository", ex);
		}
		store.onChange(this::refresh);
	}

	/**
	 * Re-reads one model (every model when {@code name} is null) after another process
	 * changed it. What this process found CORRUPT stays so; versions it did not know are
	 * checked when first loaded.
	 */
	void refresh(String name) {
		try {
			while (!replaceFromStore(name)) {
				// this process changed a model while the store was being read: read again
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot re-read the model registry; serving what is known: " + ex);
		}
	}

	/**
	 * Reads the model (every model when {@code name} is null) from the store and puts it
	 * in memory.
	 * @return false, with some models perhaps not put, when this process changed a model
	 * meanwhile
	 */
	private boolean replaceFromStore(String name) throws IOException {
		long seen = this.localWrites.get();
		List<StoredModel> read = (name == null) ? this.store.models()
				: this.store.model(name).map(List::of).orElse(List.of());
		for (StoredModel stored : read) {
			if (!replace(stored, seen)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Puts the model as read from the store in memory, unless this process changed a
	 * model since {@code seen}.
	 * @return false when it did not
	 */
	private boolean replace(StoredModel stored, long seen) {
		boolean[] stale = new boolean[1];
		this.models.compute(stored.name(), (n, current) -> {
			if (this.localWrites.get() != seen) {
				stale[0] = true;
				return current;
			}
			return new ModelReader(this.store).state(stored,
					(version) -> (current != null) ? current.versions().get(version) : null, false);
		});
		return !stale[0];
	}

	/** A change in memory that follows this process's write to the store. */
	private ModelState afterWrite(String name, BiFunction<String, ModelState, ModelState> change) {
		this.localWrites.incrementAndGet();
		return this.models.compute(name, change);
	}

	/**
	 * Stores a network as the next version of {@code name}: the store allocates the
	 * number, streams the weights, then makes the version visible.
	 * @throws InvalidModelRequestException when the name is not valid
	 */
	public ModelRef register(String name, Network network, TrainingProvenance provenance) throws IOException {
		ModelNames.require(name, "name");
		int version = this.store.allocateVersion(name);
		this.models.computeIfAbsent(name, ModelState::empty);
		ModelMetadata metadata = this.store.publish(ModelMetadata.of(name, version, network.spec(), provenance, null,
				Instant.now().truncatedTo(ChronoUnit.MILLIS)), (out) -> WeightsCodec.write(network, out));
		afterWrite(name, (n, s) -> ((s != null) ? s : ModelState.empty(name)).withVersion(ModelVersion.ok(metadata)));
		logger.info("Registered version " + version + " of model " + name);
		return new ModelRef(name, version);
	}

	/**
	 * Reads a version's network, verifying its checksum and shape.
	 * @throws ModelNotFoundException when the model or version does not exist
	 * @throws CorruptModelException when it fails verification (marked CORRUPT from then
	 * on)
	 */
	public Network load(String name, int version) {
		ModelVersion entry = version(name, version);
		if (entry.isCorrupt()) {
			throw new CorruptModelException(name, version, entry.problem());
		}
		try {
			return new ModelReader(this.store).network(entry.metadata());
		}
		catch (CorruptModelException ex) {
			markCorrupt(name, version, ex.getMessage());
			version(name, version); // deleted while it was being read: 404, not corrupt
			throw ex;
		}
	}

	private void markCorrupt(String name, int version, String problem) {
		this.models.computeIfPresent(name, (n, state) -> {
			ModelVersion entry = state.versions().get(version);
			if (entry == null || entry.isCorrupt()) {
				return state;
			}
			logger.error(problem + "; it is not served");
			return state.withVersion(ModelVersion.corrupt(entry.metadata(), problem));
		});
	}

	/**
	 * Picks the version a request means: {@code version} if given, else the version
	 * {@code alias} points at, else the {@code production} alias, else the latest version
	 * not known to be corrupt. Reads memory only.
	 * @throws ModelNotFoundException naming the missing model, version or alias
	 * @throws InvalidModelRequestException for a bad name, both version and alias, or a
	 * version below 1
	 */
	public ModelRef resolve(String name, Integer version, String alias) {
		if (version != null && alias != null) {
			throw new InvalidModelRequestException("alias", "give version or alias, not both");
		}
		ModelState state = model(name);
		if (version != null) {
			return new ModelRef(name, state.version(version).version());
		}
		return new ModelRef(name, (alias != null) ? state.aliasTarget(alias) : state.defaultVersion());
	}

	/**
	 * @return every model, by name
	 */
	public List<ModelSummary> list() {
		return this.models.values()
			.stream()
			.map(ModelState::summary)
			.sorted(Comparator.comparing(ModelSummary::name))
			.toList();
	}

	/**
	 * @return the model's versions, oldest first
	 */
	public List<ModelVersion> versions(String name) {
		return List.copyOf(model(name).versions().values());
	}

	/**
	 * @return the model's versions that match {@code query}, in its order
	 */
	public List<ModelVersion> versions(String name, VersionQuery query) {
		return query.apply(versions(name));
	}

	/**
	 * @return one version's metadata, status and tags
	 */
	public ModelVersion version(String name, int version) {
		return model(name).version(version);
	}

	/**
	 * Sets one tag of a version.
	 * @return the version with its tags
	 * @throws InvalidModelRequestException naming {@code key} or {@code value}
	 */
	public synchronized ModelVersion putTag(String name, int version, String key, String value) throws IOException {
		Tags.requireKey(key, "key");
		Tags.requireValue(value, "value");
		ModelVersion entry = version(name, version);
		if (!entry.tags().containsKey(key) && entry.tags().size() >= Tags.MAX_TAGS) {
			throw new InvalidModelRequestException("key",
					"version " + version + " of model " + name + " already has " + Tags.MAX_TAGS + " tags");
		}
		this.store.putTag(name, version, key, value);
		Map<String, String> tags = new TreeMap<>(entry.tags());
		tags.put(key, value);
		return withTags(name, version, tags);
	}

	/**
	 * Removes one tag of a version.
	 * @throws ModelNotFoundException when the version has no such tag
	 */
	public synchronized void deleteTag(String name, int version, String key) throws IOException {
		Tags.requireKey(key, "key");
		ModelVersion entry = version(name, version);
		if (!entry.tags().containsKey(key)) {
			throw ModelNotFoundException.tag(name, version, key);
		}
		this.store.deleteTag(name, version, key);
		Map<String, String> tags = new TreeMap<>(entry.tags());
		tags.remove(key);
		withTags(name, version, tags);
	}

	private ModelVersion withTags(String name, int version, Map<String, String> tags) {
		return afterWrite(name, (n, state) -> state.withVersion(state.version(version).withTags(tags)))
			.version(version);
	}

	/**
	 * Points {@code alias} at an existing, uncorrupted version, with no conditions, as no
	 * key.
	 * @return the model's summary after the change
	 */
	public ModelSummary putAlias(String name, String alias, int version) throws IOException {
		return putAlias(name, alias, AliasChange.to(version, AliasMove.OPEN));
	}

	/**
	 * Points {@code alias} at an existing, uncorrupted version when it meets the alias's
	 * policy and the change's own conditions, and records the move. Pointing it where it
	 * points already changes and records nothing.
	 * @return the model's summary after the change
	 * @throws PromotionRefusedException when a condition is not met
	 * @throws ModelConflictException when another process moved the alias first
	 */
	public synchronized ModelSummary putAlias(String name, String alias, AliasChange change) throws IOException {
		ModelNames.require(alias, "alias");
		change.validated();
		ModelState state = model(name);
		ModelVersion entry = state.version(change.version());
		if (entry.isCorrupt()) {
			throw new CorruptModelException(name, change.version(), entry.problem() + "; an alias cannot point at it");
		}
		Integer from = state.aliases().get(alias);
		if (from != null && from == change.version()) {
			return state.summary();
		}
		ModelVersion current = (from != null) ? state.versions().get(from) : null;
		AliasGate.check(name, alias, entry, current, storedPolicy(name, alias), change.conditions());
		return move(new AliasMove(name, alias, from, change.version(), now(), change.by(), change.reason())).summary();
	}

	/** Removes an alias, as no key. */
	public void deleteAlias(String name, String alias) throws IOException {
		deleteAlias(name, alias, AliasMove.OPEN, null);
	}

	/** Removes an alias, recording who did and why. */
	public synchronized void deleteAlias(String name, String alias, String by, String reason) throws IOException {
		int from = model(name).aliasTarget(alias);
		move(new AliasMove(name, alias, from, null, now(), by, AliasChange.requireReason(reason)));
	}

	/**
	 * Moves the alias back to the version it held before the current one (see
	 * {@link AliasHistory}), skipping deleted and corrupt versions. The alias's
	 * {@code minAccuracy} policy applies; {@code mustBeatCurrent} does not, since undoing
	 * a promotion usually means going back to a version that scored lower.
	 * @throws NoRollbackTargetException when its history holds no such version
	 * @throws PromotionRefusedException when the target is below the policy's minAccuracy
	 */
	public synchronized AliasState rollback(String name, String alias, String by, String reason) throws IOException {
		AliasChange.requireReason(reason);
		ModelState state = model(name);
		int current = state.aliasTarget(alias);
		Integer target = AliasHistory.rollbackTarget(this.store.aliasHistory(name, alias), current,
				(v) -> state.versions().containsKey(v) && !state.versions().get(v).isCorrupt());
		if (target == null) {
			throw new NoRollbackTargetException(name, alias, current,
					"alias '" + alias + "' of model " + name + " cannot be rolled back from version " + current
							+ ": its history holds no earlier version that still exists and is not corrupt");
		}
		AliasPolicy policy = storedPolicy(name, alias);
		AliasGate.check(name, alias, state.versions().get(target), null,
				(policy != null) ? new AliasPolicy(policy.minAccuracy(), null, null) : null, null);
		AliasMove move = new AliasMove(name, alias, current, target, now(), by, reason, true);
		move(move);
		return new AliasState(name, alias, target, move);
	}

	/**
	 * @return the alias's moves, newest first
	 * @throws ModelNotFoundException when the alias neither exists nor ever moved
	 */
	public List<AliasMove> aliasHistory(String name, String alias) throws IOException {
		ModelNames.require(alias, "alias");
		ModelState state = model(name);
		List<AliasMove> moves = this.store.aliasHistory(name, alias);
		if (moves.isEmpty()) {
			state.aliasTarget(alias);
		}
		return moves;
	}

	/**
	 * @return the alias's stored policy, {@link AliasPolicy#NONE} when it has none
	 */
	public AliasPolicy policy(String name, String alias) throws IOException {
		ModelNames.require(alias, "alias");
		model(name);
		AliasPolicy policy = storedPolicy(name, alias);
		return (policy != null) ? policy : AliasPolicy.NONE;
	}

	/**
	 * Stores an alias's policy, applied to every later move of it; one without conditions
	 * removes it. The alias need not exist yet.
	 * @return the policy as stored
	 */
	public synchronized AliasPolicy putPolicy(String name, String alias, AliasPolicy policy, String by)
			throws IOException {
		ModelNames.require(alias, "alias");
		policy.validated();
		model(name);
		this.store.putAliasPolicy(name, alias, policy.isEmpty() ? null : policy);
		logger.info("Policy of alias '" + alias + "' of model " + name + " set to " + policy + " by " + by);
		return policy.isEmpty() ? AliasPolicy.NONE : policy;
	}

	private AliasPolicy storedPolicy(String name, String alias) throws IOException {
		return this.store.aliasPolicy(name, alias).orElse(null);
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Moves the alias in the store (which records the move), then in memory.
	 * @throws ModelConflictException when another process moved it first
	 */
	private ModelState move(AliasMove move) throws IOException {
		String name = move.model();
		String alias = move.alias();
		if (!this.store.moveAlias(move)) {
			refresh(name);
			throw new ModelConflictException(name, "alias '" + alias + "' of model " + name
					+ " was moved by another replica at the same time; read it and try again");
		}
		logger.info("Alias '" + alias + "' of model " + name + " moved from " + move.from() + " to " + move.to()
				+ " by " + move.by() + (move.rollback() ? " (rollback)" : ""));
		return afterWrite(name, (n, state) -> state.withAlias(alias, move.to()));
	}

	/**
	 * Deletes a version; its number is never given again.
	 * @throws ModelConflictException while an alias points at it
	 */
	public synchronized void deleteVersion(String name, int version) throws IOException {
		ModelState state = model(name);
		state.version(version);
		String alias = state.aliasOf(version);
		if (alias != null) {
			throw new ModelConflictException(name, "version " + version + " of model " + name
					+ " is the target of alias '" + alias + "'; move or delete the alias first");
		}
		this.store.deleteVersion(name, version);
		afterWrite(name, (n, s) -> (s != null) ? s.withoutVersion(version) : null);
		logger.info("Deleted version " + version + " of model " + name);
	}

	private ModelState model(String name) {
		ModelState state = this.models.get(ModelNames.require(name, "name"));
		if (state == null) {
			throw new ModelNotFoundException(name);
		}
		return state;
	}

}
