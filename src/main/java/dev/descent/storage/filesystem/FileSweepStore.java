package dev.descent.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.descent.storage.DurableFiles;
import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every sweep as a JSON file {@code <id>.json} under
 * {@code ${descent.data-dir}/sweeps} (filesystem backend), replaced atomically (written,
 * fsynced, renamed) on every change.
 */
public class FileSweepStore implements SweepStore {

	private static final Logger logger = LoggerFactory.getLogger(FileSweepStore.class);

	private static final String SUFFIX = ".json";

	private final Path directory;

	private final JsonMapper mapper;

	private final ObjectReader reader;

	/**
	 * @param directory where the sweeps' records are kept
	 */
	public FileSweepStore(Path directory, JsonMapper mapper) {
		this.directory = directory;
		this.mapper = mapper;
		// records written by another version may have fields this one does not know
		this.reader = mapper.readerFor(Sweep.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public void save(Sweep sweep) throws IOException {
		Files.createDirectories(this.directory);
		DurableFiles.replace(this.directory.resolve(sweep.id() + SUFFIX), this.mapper.writeValueAsBytes(sweep));
	}

	@Override
	public List<Sweep> loadAll() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<Sweep> sweeps = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (DurableFiles.isTemporary(name)) {
					Files.deleteIfExists(file);
				}
				else if (name.endsWith(SUFFIX)) {
					read(file, sweeps);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.directory, ex);
		}
		return sweeps;
	}

	private void read(Path file, List<Sweep> sweeps) {
		try {
			sweeps.add(this.reader.readValue(file.toFile()));
		}
		catch (JacksonException ex) {
			logger.warn("Skipping unreadable sweep record {}: {}", file, ex.getOriginalMessage());
		}
	}

}
