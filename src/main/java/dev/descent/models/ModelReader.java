package dev.descent.models;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns what the {@link ModelStore} holds into the repository's {@link ModelState}s,
 * checking every version's metadata (and, at start, its weights), and reads verified
 * networks. A bad version is reported CORRUPT and logged once; it never stops the others
 * from being read.
 */
final class ModelReader {

	private static final Log logger = LogFactory.getLog(ModelReader.class);

	private final ModelStore store;

	ModelReader(ModelStore store) {
		this.store = store;
	}

	/**
	 * Reads every model at start, verifying every version's weights.
	 * @return every model that could be read; one that cannot is logged and left out
	 * @throws IOException when the store cannot be listed
	 */
	Map<String, ModelState> readAll() throws IOException {
		Map<String, ModelState> models = new HashMap<>();
		for (StoredModel stored : this.store.models()) {
			try {
				models.put(stored.name(), state(stored, (version) -> null, true));
			}
			catch (RuntimeException ex) {
				logger.error("Cannot read model " + stored.name() + "; it is not served", ex);
			}
		}
		return models;
	}

	/**
	 * @param known the version this process already knows by number, or null: its status
	 * (a CORRUPT found on loading) is kept
	 * @param verifyWeights whether to read and verify the weights of a version not known
	 * (at start); else a new version is OK until loading it finds otherwise
	 */
	ModelState state(StoredModel stored, IntFunction<ModelVersion> known, boolean verifyWeights) {
		NavigableMap<Integer, ModelVersion> versions = new TreeMap<>();
		for (StoredVersion version : stored.versions().values()) {
			ModelVersion same = known.apply(version.version());
			ModelVersion entry = (same != null) ? same : version(stored.name(), version, verifyWeights);
			versions.put(version.version(), entry.withTags(version.tags()));
		}
		return new ModelState(stored.name(), versions, stored.aliases());
	}

	private ModelVersion version(String name, StoredVersion stored, boolean verifyWeights) {
		int version = stored.version();
		ModelMetadata metadata = stored.metadata();
		if (metadata == null) {
			return logged(ModelVersion.unreadable(name, version, describe(name, version) + " has unreadable metadata"));
		}
		String problem = inconsistency(metadata, name, version);
		if (problem != null) {
			return logged(ModelVersion.corrupt(metadata, describe(name, version) + " " + problem));
		}
		if (!verifyWeights) {
			return ModelVersion.ok(metadata);
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
	 * Streams the weights from the store, hashing them as they are decoded.
	 * @throws CorruptModelException when the weights are unreadable, fail their checksum
	 * or do not fit the architecture
	 */
	Network network(ModelMetadata metadata) {
		String what = describe(metadata.name(), metadata.version());
		Decoded decoded;
		try {
			decoded = this.store.readWeights(metadata.name(), metadata.version(), (in) -> decode(in, metadata));
		}
		catch (IOException ex) {
			throw new CorruptModelException(metadata.name(), metadata.version(), what + " could not be read");
		}
		if (!decoded.sha256().equals(metadata.weightsSha256())) {
			throw new CorruptModelException(metadata.name(), metadata.version(), what + " failed its checksum");
		}
		if (decoded.problem() != null) {
			throw new CorruptModelException(metadata.name(), metadata.version(),
					what + " does not fit its architecture: " + decoded.problem());
		}
		return decoded.network();
	}

	private static Decoded decode(InputStream in, ModelMetadata metadata) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		DigestInputStream hashing = new DigestInputStream(in, digest);
		try {
			Network network = WeightsCodec.read(hashing, metadata.spec());
			return new Decoded(Sha256.hex(digest), network, null);
		}
		catch (IllegalArgumentException ex) {
			hashing.transferTo(java.io.OutputStream.nullOutputStream());
			return new Decoded(Sha256.hex(digest), null, ex.getMessage());
		}
	}

	/**
	 * Weights read to their end: their checksum, and the network or why there is none.
	 */
	private record Decoded(String sha256, Network network, String problem) {

	}

	static String describe(String name, int version) {
		return "version " + version + " of model " + name;
	}

}
