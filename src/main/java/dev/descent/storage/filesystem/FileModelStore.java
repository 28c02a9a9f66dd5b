package dev.descent.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.descent.data.Sha256;
import dev.descent.models.AliasMove;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelMetadata;
import dev.descent.models.ModelNames;
import dev.descent.models.ModelStore;
import dev.descent.models.StoredModel;
import dev.descent.models.StoredVersion;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.DurableFiles;
import dev.descent.storage.StoreAvailability;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model registry as files (docs/model-format.md):
 * {@code {root}/{name}/v{N}/model.json} and {@code weights.bin} (immutable),
 * {@code v{N}/tags.json} ({@link TagFiles}), {@code {name}/aliases.json} with the alias
 * history and policies beside it ({@link AliasFiles}), {@code {name}/highest-version}. A
 * version is written into a staging directory, forced and renamed into place, so it is
 * visible whole or not at all; the highest number ever allocated is recorded before. One
 * process owns the directory; changes are serialised here.
 */
public final class FileModelStore implements ModelStore {

	private static final Log logger = LogFactory.getLog(FileModelStore.class);

	private static final Pattern VERSION_DIR = Pattern.compile("v[1-9][0-9]{0,8}");

	private static final String HIGHEST = "highest-version";

	private static final String METADATA = "model.json";

	private static final String WEIGHTS = "weights.bin";

	private final Path root;

	private final JsonMapper json;

	private final Duration publishDelay;

	private final BeforeVisible beforeVisible;

	private final Object lock = new Object();

	private final AliasFiles aliasFiles;

	private final TagFiles tagFiles;

	/**
	 * What runs between a version's files being written and its directory being renamed
	 * into place; tests throw from it to interrupt a publication there.
	 */
	@FunctionalInterface
	interface BeforeVisible {

		void run(String name, int version) throws IOException;

	}

	/**
	 * @param root the registry's directory, {@code ${descent.data-dir}/models}
	 * @param json the application's mapper; the settings the format depends on are pinned
	 * here
	 * @param publishDelay a pause before a version becomes visible, for crash tests
	 */
	public FileModelStore(Path root, JsonMapper json, Duration publishDelay) {
		this(root, json, publishDelay, (name, version) -> {
		});
	}

	FileModelStore(Path root, JsonMapper json, Duration publishDelay, BeforeVisible beforeVisible) {
		this.root = root;
		this.json = fileMapper(json);
		this.publishDelay = publishDelay;
		this.beforeVisible = beforeVisible;
		this.aliasFiles = new AliasFiles(this.json);
		this.tagFiles = new TagFiles(this.json);
	}

	/**
	 * @return a mapper for the repository's files: the application's, with the settings
	 * the format depends on pinned (ISO-8601 instants), indented output, and unknown
	 * fields ignored (a later minor format addition stays readable)
	 */
	private static JsonMapper fileMapper(JsonMapper base) {
		return base.rebuild()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.enable(SerializationFeature.INDENT_OUTPUT)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	@Override
	public List<StoredModel> models() throws IOException {
		List<StoredModel> models = new ArrayList<>();
		for (String name : modelNames()) {
			try {
				model(name).ifPresent(models::add);
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Cannot read model " + name + "; it is not served", ex);
			}
		}
		return models;
	}

	/**
	 * Reads one model, deleting first what an interrupted write or deletion left in its
	 * directory.
	 */
	@Override
	public Optional<StoredModel> model(String name) throws IOException {
		synchronized (this.lock) {
			if (!Files.isDirectory(dir(name))) {
				return Optional.empty();
			}
			DurableFiles.removeLeftovers(dir(name));
			NavigableMap<Integer, StoredVersion> versions = new TreeMap<>();
			for (int version : versionNumbers(name)) {
				versions.put(version, new StoredVersion(version, metadataOrNull(name, version),
						this.tagFiles.tags(versionDir(name, version))));
			}
			return Optional.of(new StoredModel(name, versions, this.aliasFiles.aliases(dir(name))));
		}
	}

	private List<String> modelNames() throws IOException {
		Files.createDirectories(this.root);
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.root, Files::isDirectory)) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				if (ModelNames.isValid(name)) {
					names.add(name);
				}
				else {
					logger.warn("Ignoring " + dir + ": not a valid model name");
				}
			}
		}
		return names;
	}

	private List<Integer> versionNumbers(String name) throws IOException {
		List<Integer> versions = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir(name),
				(p) -> VERSION_DIR.matcher(p.getFileName().toString()).matches())) {
			dirs.forEach((d) -> versions.add(Integer.parseInt(d.getFileName().toString().substring(1))));
		}
		versions.sort(null);
		return versions;
	}

	private ModelMetadata metadataOrNull(String name, int version) {
		try {
			return this.json.readValue(Files.readAllBytes(versionDir(name, version).resolve(METADATA)),
					ModelMetadata.class);
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
	}

	/**
	 * Records the new highest number durably before anything of the version is written;
	 * the highest existing version counts when the record is lost.
	 */
	@Override
	public int allocateVersion(String name) throws IOException {
		synchronized (this.lock) {
			int next = highestVersion(name) + 1;
			writeHighest(name, next);
			return next;
		}
	}

	@Override
	public boolean raiseHighestVersion(String name, int highest) throws IOException {
		synchronized (this.lock) {
			if (highest <= highestVersion(name)) {
				return false;
			}
			writeHighest(name, highest);
			return true;
		}
	}

	/**
	 * Not part of {@link ModelStore}: the {@code import} command reads a data directory's
	 * counter through it, to carry it with {@link ModelStore#raiseHighestVersion}.
	 * @return the highest number ever allocated for the model (the recorded counter, or
	 * the highest version when the record is lost), 0 for an unknown model
	 */
	public int highestVersion(String name) throws IOException {
		synchronized (this.lock) {
			int highest = readHighest(name);
			if (Files.isDirectory(dir(name))) {
				List<Integer> versions = versionNumbers(name);
				highest = Math.max(highest, versions.isEmpty() ? 0 : versions.get(versions.size() - 1));
			}
			return highest;
		}
	}

	/**
	 * @return the highest number ever allocated, 0 when none was (or the file is lost)
	 */
	private int readHighest(String name) {
		try {
			return Integer.parseInt(Files.readString(dir(name).resolve(HIGHEST)).trim());
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (IOException | NumberFormatException ex) {
			logger.error("Cannot read the version counter of model " + name + "; using the highest version", ex);
			return 0;
		}
	}

	private void writeHighest(String name, int highest) throws IOException {
		Path dir = dir(name);
		if (!Files.isDirectory(dir)) {
			Files.createDirectories(dir);
			DurableFiles.forceDirectory(this.root);
		}
		DurableFiles.replace(dir.resolve(HIGHEST), (highest + "\n").getBytes());
	}

	/**
	 * Writes the weights (hashing them as they stream) and model.json into a staging
	 * directory, forces it, and renames it into place: readers see all of it or nothing.
	 */
	@Override
	public ModelMetadata publish(ModelMetadata metadata, BlobWriter weights) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		if (version > readHighest(name)) {
			throw new IOException("version " + version + " of model " + name + " was not allocated");
		}
		return write(metadata, weights, null);
	}

	/**
	 * Raises the counter to the imported number first (so that a crash afterwards never
	 * hands the number out again), then writes the version as {@link #publish} does,
	 * refusing weights whose SHA-256 is not the metadata's.
	 */
	@Override
	public ModelMetadata importVersion(ModelMetadata metadata, BlobWriter weights) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		if (metadata.weightsSha256() == null) {
			throw new IOException("version " + version + " of model " + name + " has no weightsSha256 to import");
		}
		synchronized (this.lock) {
			if (Files.exists(versionDir(name, version))) {
				throw new IOException("version " + version + " of model " + name + " already exists");
			}
			writeHighest(name, Math.max(readHighest(name), version));
		}
		return write(metadata, weights, metadata.weightsSha256());
	}

	/**
	 * @param expectedSha256 the SHA-256 the weights must have, or null to record whatever
	 * they hash to
	 */
	private ModelMetadata write(ModelMetadata metadata, BlobWriter weights, String expectedSha256) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		Path target = versionDir(name, version);
		if (Files.exists(target)) {
			throw new IOException("refusing to overwrite version " + version + " of model " + name);
		}
		return DurableFiles.publishDirectory(target, (staging) -> {
			MessageDigest digest = Sha256.newDigest();
			DurableFiles.write(staging.resolve(WEIGHTS), (out) -> {
				OutputStream hashing = new DigestOutputStream(out, digest);
				weights.writeTo(hashing);
				hashing.flush();
			});
			String sha256 = Sha256.hex(digest);
			if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
				throw new IOException("the weights of version " + version + " of model " + name + " have SHA-256 "
						+ sha256 + ", not " + expectedSha256);
			}
			ModelMetadata stored = metadata.withWeightsSha256(sha256);
			DurableFiles.write(staging.resolve(METADATA), this.json.writeValueAsBytes(stored));
			return stored;
		}, (move) -> {
			pauseBeforePublishing();
			this.beforeVisible.run(name, version);
			move.run();
		});
	}

	private void pauseBeforePublishing() throws IOException {
		if (this.publishDelay.isZero()) {
			return;
		}
		try {
			Thread.sleep(this.publishDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted before publishing", ex);
		}
	}

	@Override
	public <T> T readWeights(String name, int version, BlobReader<T> reader) throws IOException {
		try (InputStream in = Files.newInputStream(versionDir(name, version).resolve(WEIGHTS))) {
			return reader.read(in);
		}
	}

	/** Renames the version out of sight atomically, then deletes it. */
	@Override
	public void deleteVersion(String name, int version) throws IOException {
		synchronized (this.lock) {
			DurableFiles.deleteDirectory(versionDir(name, version));
		}
	}

	@Override
	public boolean moveAlias(AliasMove move) throws IOException {
		synchronized (this.lock) {
			return this.aliasFiles.move(dir(move.model()), move);
		}
	}

	@Override
	public List<AliasMove> aliasHistory(String name, String alias) throws IOException {
		synchronized (this.lock) {
			return this.aliasFiles.history(dir(name), alias);
		}
	}

	/**
	 * Not part of {@link ModelStore}: the {@code import} command reads a data directory
	 * through it to find aliases that no longer point at a version but keep a history or
	 * a policy.
	 * @return every alias of the model that points at a version, has a history or has a
	 * policy; empty for an unknown model
	 */
	public Set<String> aliasNames(String name) {
		synchronized (this.lock) {
			return Files.isDirectory(dir(name)) ? this.aliasFiles.names(dir(name)) : Set.of();
		}
	}

	@Override
	public Optional<AliasPolicy> aliasPolicy(String name, String alias) throws IOException {
		synchronized (this.lock) {
			return this.aliasFiles.policy(dir(name), alias);
		}
	}

	@Override
	public void putAliasPolicy(String name, String alias, AliasPolicy policy) throws IOException {
		synchronized (this.lock) {
			if (!Files.isDirectory(dir(name))) {
				throw new NoSuchFileException(name, null, "no such model");
			}
			this.aliasFiles.putPolicy(dir(name), alias, policy);
		}
	}

	@Override
	public void putTag(String name, int version, String key, String value) throws IOException {
		synchronized (this.lock) {
			this.tagFiles.put(versionDir(name, version), key, value);
		}
	}

	@Override
	public boolean deleteTag(String name, int version, String key) throws IOException {
		synchronized (this.lock) {
			return this.tagFiles.delete(versionDir(name, version), key);
		}
	}

	/**
	 * UP when the directory exists (or can be made) and is readable and writable. The
	 * reason never names the path.
	 */
	@Override
	public StoreAvailability availability() {
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			return StoreAvailability.down("the model directory cannot be created");
		}
		if (!Files.isReadable(this.root) || !Files.isWritable(this.root)) {
			return StoreAvailability.down("the model directory is not readable and writable");
		}
		return StoreAvailability.up();
	}

	private Path dir(String name) {
		return this.root.resolve(name);
	}

	private Path versionDir(String name, int version) {
		return dir(name).resolve("v" + version);
	}

}
