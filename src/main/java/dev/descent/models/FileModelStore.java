package dev.descent.models;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.descent.storage.DurableFiles;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's files (docs/model-format.md): {@code {root}/{name}/v{N}/model.json}
 * and {@code weights.bin}, {@code {name}/aliases.json}, {@code {name}/highest-version}.
 * Knows the layout and how to write it durably; holds no state. Names passed in are
 * already validated.
 */
final class FileModelStore {

	private static final Log logger = LogFactory.getLog(FileModelStore.class);

	private static final Pattern VERSION_DIR = Pattern.compile("v[1-9][0-9]{0,8}");

	private static final String HIGHEST = "highest-version";

	private static final String ALIASES = "aliases.json";

	private static final String METADATA = "model.json";

	private static final String WEIGHTS = "weights.bin";

	private final Path root;

	private final JsonMapper json;

	private final Duration publishDelay;

	private final UnaryOperator<OutputStream> weightsFilter;

	FileModelStore(Path root, JsonMapper json, Duration publishDelay, UnaryOperator<OutputStream> weightsFilter) {
		this.root = root;
		this.json = json;
		this.publishDelay = publishDelay;
		this.weightsFilter = weightsFilter;
	}

	/**
	 * @return a mapper for the repository's files: the application's, with the settings
	 * the format depends on pinned (ISO-8601 instants), indented output, and unknown
	 * fields ignored (a later minor format addition stays readable)
	 */
	static JsonMapper fileMapper(JsonMapper base) {
		return base.rebuild()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.enable(SerializationFeature.INDENT_OUTPUT)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * @return the names of the model directories, invalid names skipped
	 */
	List<String> modelNames() throws IOException {
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

	boolean exists(String name) {
		return Files.isDirectory(dir(name));
	}

	/** Deletes what an interrupted write or deletion left behind. */
	void cleanUp(String name) throws IOException {
		DurableFiles.removeLeftovers(dir(name));
	}

	/**
	 * @return the version numbers present, ascending
	 */
	List<Integer> versionNumbers(String name) throws IOException {
		List<Integer> versions = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir(name),
				(p) -> VERSION_DIR.matcher(p.getFileName().toString()).matches())) {
			dirs.forEach((d) -> versions.add(Integer.parseInt(d.getFileName().toString().substring(1))));
		}
		versions.sort(null);
		return versions;
	}

	/**
	 * @return the highest number ever assigned, 0 when none was (or the file is lost)
	 */
	int readHighest(String name) {
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

	void writeHighest(String name, int highest) throws IOException {
		Path dir = dir(name);
		if (!Files.isDirectory(dir)) {
			Files.createDirectories(dir);
			DurableFiles.forceDirectory(this.root);
		}
		DurableFiles.replace(dir.resolve(HIGHEST), (highest + "\n").getBytes());
	}

	Map<String, Integer> readAliases(String name) throws IOException {
		Path file = dir(name).resolve(ALIASES);
		if (!Files.exists(file)) {
			return Map.of();
		}
		Map<String, Integer> aliases = this.json.readValue(Files.readAllBytes(file),
				new TypeReference<TreeMap<String, Integer>>() {
				});
		aliases.keySet().removeIf((alias) -> !ModelNames.isValid(alias));
		return aliases;
	}

	void writeAliases(String name, Map<String, Integer> aliases) throws IOException {
		DurableFiles.replace(dir(name).resolve(ALIASES), this.json.writeValueAsBytes(new TreeMap<>(aliases)));
	}

	/**
	 * Writes a version into a staging directory, forces it, and renames it into place:
	 * readers see all of it or nothing.
	 */
	void publish(ModelMetadata metadata, byte[] weights) throws IOException {
		Path target = versionDir(metadata.name(), metadata.version());
		if (Files.exists(target)) {
			throw new IOException("refusing to overwrite existing " + target);
		}
		DurableFiles.publishDirectory(target, (staging) -> {
			DurableFiles.write(staging.resolve(WEIGHTS), (out) -> {
				OutputStream filtered = this.weightsFilter.apply(out);
				filtered.write(weights);
				filtered.flush();
			});
			DurableFiles.write(staging.resolve(METADATA), this.json.writeValueAsBytes(metadata));
			return null;
		}, (move) -> {
			pauseBeforePublishing();
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

	/** Renames the version out of sight atomically, then deletes it. */
	void deleteVersion(String name, int version) throws IOException {
		DurableFiles.deleteDirectory(versionDir(name, version));
	}

	/**
	 * @throws IOException when model.json cannot be read
	 * @throws JacksonException when it is not valid JSON of the expected shape
	 */
	ModelMetadata readMetadata(String name, int version) throws IOException {
		return this.json.readValue(Files.readAllBytes(versionDir(name, version).resolve(METADATA)),
				ModelMetadata.class);
	}

	byte[] readWeights(String name, int version) throws IOException {
		return Files.readAllBytes(versionDir(name, version).resolve(WEIGHTS));
	}

	private Path dir(String name) {
		return this.root.resolve(name);
	}

	private Path versionDir(String name, int version) {
		return dir(name).resolve("v" + version);
	}

}
