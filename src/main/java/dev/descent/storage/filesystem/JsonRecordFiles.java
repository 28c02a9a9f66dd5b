package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.descent.storage.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A directory of JSON records, one file {@code <id>.json} each, replaced atomically
 * (written, forced, renamed) on every save; the job and sweep stores keep their records
 * this way. Unreadable records are logged and skipped, temporary files an interrupted
 * write left are deleted when the records are read.
 *
 * @param <T> the record type
 */
final class JsonRecordFiles<T> {

	private static final Logger logger = LoggerFactory.getLogger(JsonRecordFiles.class);

	private static final String SUFFIX = ".json";

	private final Path directory;

	private final JsonMapper mapper;

	private final ObjectReader reader;

	private final String what;

	/**
	 * @param what names a record in log messages, e.g. "job"
	 */
	JsonRecordFiles(Path directory, JsonMapper mapper, Class<T> type, String what) {
		this.directory = directory;
		this.mapper = mapper;
		// records written by another version may have fields this one does not know
		this.reader = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.what = what;
	}

	void save(String id, T record) throws IOException {
		Files.createDirectories(this.directory);
		DurableFiles.replace(file(id), this.mapper.writeValueAsBytes(record));
	}

	void delete(String id) throws IOException {
		Files.deleteIfExists(file(id));
	}

	List<T> loadAll() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<T> records = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (DurableFiles.isTemporary(name)) {
					Files.deleteIfExists(file);
				}
				else if (name.endsWith(SUFFIX)) {
					read(file, records);
				}
			}
		}
		return records;
	}

	private void read(Path file, List<T> records) {
		try {
			records.add(this.reader.readValue(file.toFile()));
		}
		catch (JacksonException ex) {
			logger.warn("Skipping unreadable {} record {}: {}", this.what, file, ex.getOriginalMessage());
		}
	}

	private Path file(String id) {
		return this.directory.resolve(id + SUFFIX);
	}

}
