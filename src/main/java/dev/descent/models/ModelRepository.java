package dev.descent.models;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The versioned model repository under {@code ${descent.data-dir}/models}. Versions count
 * 1, 2, 3... per model and a number is never reused, even after deletion or a crash; a
 * version is immutable once visible, and a corrupt one is reported, never served.
 *
 * <p>
 * Every model's versions and aliases are kept in memory (read once at start, updated by
 * every change), so {@link #resolve} touches no file. Changes are serialised; reads take
 * no lock. One process owns a data directory.
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

	@Autowired
	public ModelRepository(@Value("${descent.data-dir:./data}") Path dataDir, ModelsProperties properties,
			JsonMapper jsonMapper) {
		this(dataDir, properties, jsonMapper, UnaryOperator.identity());
	}

	/**
	 * @param weightsFilter wraps the stream weights are written through; tests make it
	 * fail
	 */
	ModelRepository(Path dataDir, ModelsProperties properties, JsonMapper jsonMapper,
			UnaryOperator<OutputStream> weightsFilter) {
		this.store = new ModelStore(dataDir.resolve("models"), ModelStore.fileMapper(jsonMapper),
				properties.publishDelay(), weightsFilter);
		try {
			this.models.putAll(new ModelReader(this.store).readAll());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the model repository", ex);
		}
	}

	/**
	 * Stores a network as the next version of {@code name}: the number is recorded
	 * durably first, then the version is written aside, forced to disk and renamed into
	 * place.
	 * @throws InvalidModelRequestException when the name is not valid
	 */
	public synchronized ModelRef register(String name, Network network, TrainingProvenance provenance)
			throws IOException {
		ModelNames.require(name, "name");
		ModelState state = this.models.get(name);
		if (state == null) {
			state = new ModelReader(this.store).read(name);
		}
		int version = state.highest() + 1;
		this.store.writeHighest(name, version);
		this.models.put(name, state.withHighest(version));
		byte[] weights = WeightsCodec.encode(network);
		ModelMetadata metadata = ModelMetadata.of(name, version, network.spec(), provenance, Sha256.hex(weights),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.store.publish(metadata, weights);
		this.models.compute(name, (n, s) -> s.withVersion(ModelVersion.ok(metadata)));
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

	private synchronized void markCorrupt(String name, int version, String problem) {
		ModelState state = this.models.get(name);
		ModelVersion entry = (state != null) ? state.versions().get(version) : null;
		if (entry != null && !entry.isCorrupt()) {
			logger.error(problem + "; it is not served");
			this.models.put(name, state.withVersion(ModelVersion.corrupt(entry.metadata(), problem)));
		}
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
		return saveAliases(model(name).withAlias(alias, version));
	}

	/** Removes an alias. */
	public synchronized void deleteAlias(String name, String alias) throws IOException {
		ModelState state = model(name);
		state.aliasTarget(alias);
		saveAliases(state.withAlias(alias, null));
	}

	private ModelSummary saveAliases(ModelState state) throws IOException {
		this.store.writeAliases(state.name(), state.aliases());
		this.models.put(state.name(), state);
		return state.summary();
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
		this.models.put(name, state.withoutVersion(version));
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
