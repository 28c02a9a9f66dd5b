package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.descent.storage.DurableFiles;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A version's tags as {@code v{N}/tags.json} (key to value), replaced atomically; the
 * only file of a version directory that changes after publication, and deleted with it.
 * The caller serialises the changes.
 */
final class TagFiles {

	private static final Log logger = LogFactory.getLog(TagFiles.class);

	static final String TAGS = "tags.json";

	private final JsonMapper json;

	TagFiles(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @return the version's tags; unreadable ones are logged and read as none
	 */
	Map<String, String> tags(Path versionDir) {
		try {
			DurableFiles.removeLeftovers(versionDir);
			return readStrict(versionDir);
		}
		catch (IOException | JacksonException ex) {
			logger.error("Cannot read the tags of " + versionDir.getParent().getFileName() + " "
					+ versionDir.getFileName() + "; reading it without them", ex);
			return new TreeMap<>();
		}
	}

	void put(Path versionDir, String key, String value) throws IOException {
		Map<String, String> tags = existing(versionDir);
		tags.put(key, value);
		DurableFiles.replace(versionDir.resolve(TAGS), this.json.writeValueAsBytes(tags));
	}

	boolean delete(Path versionDir, String key) throws IOException {
		Map<String, String> tags = existing(versionDir);
		if (tags.remove(key) == null) {
			return false;
		}
		DurableFiles.replace(versionDir.resolve(TAGS), this.json.writeValueAsBytes(tags));
		return true;
	}

	/**
	 * @throws NoSuchFileException when the version does not exist
	 */
	private Map<String, String> existing(Path versionDir) throws IOException {
		if (!Files.isDirectory(versionDir)) {
			throw new NoSuchFileException(versionDir.getParent().getFileName() + " " + versionDir.getFileName(), null,
					"no such version");
		}
		return readStrict(versionDir);
	}

	private Map<String, String> readStrict(Path versionDir) throws IOException {
		Path file = versionDir.resolve(TAGS);
		if (!Files.exists(file)) {
			return new TreeMap<>();
		}
		try {
			return this.json.readValue(Files.readAllBytes(file), new TypeReference<TreeMap<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IOException("unreadable tags of " + versionDir.getFileName(), ex);
		}
	}

}
