package dev.descent.models;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads a model's state from its files at start, verifying every version, and reads
 * verified networks. A bad version is reported CORRUPT and logged once; it never stops
 * the others from being read.
 */
final class ModelReader {

	private static final Log logger = LogFactory.getLog(ModelReader.class);

	private final ModelStore store;

	ModelReader(ModelStore store) {
		this.store = store;
	}

	/**
	 * @return every model that could be read; one that cannot is logged and left out
	 * @throws IOException when the repository's root cannot be listed
	 */
	Map<String, ModelState> readAll() throws IOException {
		Map<String, ModelState> models = new HashMap<>();
		for (String name : this.store.modelNames()) {
			try {
				models.put(name, read(name));
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Cannot read model " + name + "; it is not served", ex);
			}
		}
		return models;
	}

	ModelState read(String name) throws IOException {
		if (!this.store.exists(name)) {
			return ModelState.empty(name);
		}
		this.store.cleanUp(name);
		NavigableMap<Integer, ModelVersion> versions = new TreeMap<>();
		for (int version : this.store.versionNumbers(name)) {
			versions.put(version, version(name, version));
		}
		int highest = Math.max(this.store.readHighest(name), versions.isEmpty() ? 0 : versions.lastKey());
		return new ModelState(name, versions, aliases(name), highest);
	}

	private Map<String, Integer> aliases(String name) {
		try {
			return this.store.readAliases(name);
		}
		catch (IOException | JacksonException ex) {
			logger.error("Cannot read the aliases of model " + name + "; starting without them", ex);
			return Map.of();
		}
	}

	private ModelVersion version(String name, int version) {
		ModelMetadata metadata;
		try {
			metadata = this.store.readMetadata(name, version);
		}
		catch (IOException | JacksonException ex) {
			return logged(ModelVersion.unreadable(name, version, describe(name, version) + " has unreadable metadata"));
		}
		String problem = inconsistency(metadata, name, version);
		if (problem != null) {
			return logged(ModelVersion.corrupt(metadata, describe(name, version) + " " + problem));
		}
		try {
			network(metadata);
			return ModelVersion.ok(metadata);
		}
		catch (CorruptModelException ex) {
			return logged(ModelVersion.corrupt(metadata, ex.getMessage()));
		}
	}

	private static String inconsistency(ModelMetadata metadata, String name, int version) {
		String missing = metadata.missingField();
		if (missing != null) {
			return "has no " + missing + " in its metadata";
		}
		if (metadata.formatVersion() != ModelMetadata.FORMAT_VERSION) {
			return "has format version " + metadata.formatVersion() + ", this service reads "
					+ ModelMetadata.FORMAT_VERSION;
		}
		if (!metadata.name().equals(name) || metadata.version() != version) {
			return "has metadata of version " + metadata.version() + " of model " + metadata.name();
		}
		return null;
	}

	private static ModelVersion logged(ModelVersion corrupt) {
		logger.error(corrupt.problem() + "; it is not served");
		return corrupt;
	}

	/**
	 * @throws CorruptModelException when the weights are unreadable, fail their checksum
	 * or do not fit the architecture
	 */
	Network network(ModelMetadata metadata) {
		String what = describe(metadata.name(), metadata.version());
		byte[] weights;
		try {
			weights = this.store.readWeights(metadata.name(), metadata.version());
		}
		catch (IOException ex) {
			throw new CorruptModelException(metadata.name(), metadata.version(), what + " could not be read");
		}
		if (!Sha256.hex(weights).equals(metadata.weightsSha256())) {
			throw new CorruptModelException(metadata.name(), metadata.version(), what + " failed its checksum");
		}
		try {
			return WeightsCodec.decode(weights, metadata.spec());
		}
		catch (IllegalArgumentException ex) {
			throw new CorruptModelException(metadata.name(), metadata.version(),
					what + " does not fit its architecture: " + ex.getMessage());
		}
	}

	static String describe(String name, int version) {
		return "version " + version + " of model " + name;
	}

}
