package dev.descent.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
			if (name == null) {
				for (StoredModel stored : this.store.models()) {
					replace(stored);
				}
				return;
			}
			this.store.model(name).ifPresent(this::replace);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot re-read the model registry; serving what is known: " + ex);
		}
	}

	private void replace(StoredModel stored) {
		this.models.compute(stored.name(), (n, current) -> new ModelReader(this.store).state(stored,
				(version) -> (current != null) ? current.versions().get(version) : null, false));
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
		this.models.compute(name,
				(n, s) -> ((s != null) ? s : ModelState.empty(name)).withVersion(ModelVersion.ok(metadata)));
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
	 * @return one version's metadata and status
	 */
	public ModelVersion version(String name, int version) {
		return model(name).version(version);
	}

	/**
	 * Points {@code alias} at an existing, uncorrupted version.
	 * @return the model's summary after the change
	 */
	public synchronized ModelSummary putAlias(String name, String alias, int version) throws IOException {
		ModelNames.require(alias, "alias");
		ModelVersion entry = version(name, version);
		if (entry.isCorrupt()) {
			throw new CorruptModelException(name, version, entry.problem() + "; an alias cannot point at it");
		}
		return moveAlias(name, alias, version);
	}

	/** Removes an alias. */
	public synchronized void deleteAlias(String name, String alias) throws IOException {
		model(name).aliasTarget(alias);
		moveAlias(name, alias, null);
	}

	/**
	 * Moves the alias in the store, then in memory.
	 * @param version its new target, null to delete it
	 * @throws ModelConflictException when another process moved it first
	 */
	private ModelSummary moveAlias(String name, String alias, Integer version) throws IOException {
		Integer from = model(name).aliases().get(alias);
		AliasMove move = new AliasMove(name, alias, from, version, Instant.now(), null, null);
		if (!this.store.moveAlias(move)) {
			refresh(name);
			throw new ModelConflictException(name, "alias '" + alias + "' of model " + name
					+ " was moved by another replica at the same time; read it and try again");
		}
		return this.models.compute(name, (n, state) -> state.withAlias(alias, version)).summary();
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
		this.models.computeIfPresent(name, (n, s) -> s.withoutVersion(version));
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
