package dev.descent.datasets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.descent.storage.DurableFiles;
import dev.descent.data.Mnist;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The uploaded data sets on disk: {@code ROOT/NAME/} holds MNIST's four raw IDX files and
 * {@code dataset.json}. A set is written into {@code ROOT/.staging-*}, forced to disk and
 * renamed into place in one atomic step, so a reader (or a restart) sees a complete set
 * or none; a deleted set is first renamed to {@code ROOT/.trash-*} (see
 * {@link DurableFiles#publishDirectory} and {@link DurableFiles#deleteDirectory}).
 * Leftovers of either kind from a crash are removed when the store is created.
 * Thread-safe.
 */
public class DatasetStore {

	static final String DESCRIPTION = "dataset.json";

	static final String STAGING_PREFIX = DurableFiles.STAGING_PREFIX;

	static final String DELETING_PREFIX = DurableFiles.TRASH_PREFIX;

	private static final Log logger = LogFactory.getLog(DatasetStore.class);

	private final Path root;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Object lock = new Object();

	/**
	 * @param root the directory holding the data sets (created when needed)
	 */
	public DatasetStore(Path root) throws IOException {
		this.root = root;
		DurableFiles.removeLeftovers(root);
	}

	/**
	 * @return the uploaded data sets (not the built-in one), by name
	 */
	public List<DatasetDescription> list() throws IOException {
		List<DatasetDescription> all = new ArrayList<>();
		if (Files.isDirectory(this.root)) {
			try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.root)) {
				for (Path dir : dirs) {
					findReadable(dir.getFileName().toString()).ifPresent(all::add);
				}
			}
		}
		all.sort(Comparator.comparing(DatasetDescription::name));
		return all;
	}

	/**
	 * @return the uploaded data set of that name, if there is one
	 */
	public Optional<DatasetDescription> find(String name) throws IOException {
		if (!exists(name)) {
			return Optional.empty();
		}
		byte[] content;
		try {
			content = Files.readAllBytes(directory(name).resolve(DESCRIPTION));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(content, DatasetDescription.class));
		}
		catch (JacksonException ex) {
			throw new IOException(
					"the description of data set '" + name + "' is unreadable: " + ex.getOriginalMessage(), ex);
		}
	}

	private Optional<DatasetDescription> findReadable(String name) {
		try {
			return find(name);
		}
		catch (IOException ex) {
			logger.warn("Data set " + name + " is not listed: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * @return whether an uploaded data set of that name exists
	 */
	public boolean exists(String name) {
		return DatasetNames.isValid(name) && !DatasetNames.MNIST.equals(name)
				&& Files.isRegularFile(directory(name).resolve(DESCRIPTION));
	}

	/**
	 * @return the directory of the data set {@code name} (a valid name)
	 */
	Path directory(String name) {
		return this.root.resolve(DatasetNames.require(name, "name"));
	}

	/**
	 * @throws DatasetConflictException when a data set of that name exists
	 */
	void requireFree(String name) {
		if (DatasetNames.MNIST.equals(name) || Files.exists(directory(name))) {
			throw new DatasetConflictException(name, "data set '" + name + "' already exists");
		}
	}

	/**
	 * Stores a validated upload atomically.
	 * @return its description
	 * @throws DatasetConflictException when the name is taken
	 */
	DatasetDescription create(String name, UploadedData data) throws IOException {
		requireFree(name);
		return DurableFiles.publishDirectory(directory(name), (staging) -> writeAll(staging, name, data), (move) -> {
			synchronized (this.lock) {
				requireFree(name); // another upload of the name may have been faster
				move.run();
			}
		});
	}

	/**
	 * Removes an uploaded data set: renamed away atomically, then deleted.
	 * @throws DatasetNotFoundException when there is none of that name
	 */
	void delete(String name) throws IOException {
		if (!exists(name)) {
			throw new DatasetNotFoundException(name);
		}
		DurableFiles.deleteDirectory(directory(name));
	}

	private DatasetDescription writeAll(Path dir, String name, UploadedData data) throws IOException {
		Map<String, String> checksums = Map.of(Mnist.TRAIN_IMAGES,
				DatasetFiles.writeImages(dir.resolve(Mnist.TRAIN_IMAGES), data.training().pixels()), Mnist.TRAIN_LABELS,
				DatasetFiles.writeLabels(dir.resolve(Mnist.TRAIN_LABELS), data.training().labels()), Mnist.TEST_IMAGES,
				DatasetFiles.writeImages(dir.resolve(Mnist.TEST_IMAGES), data.test().pixels()), Mnist.TEST_LABELS,
				DatasetFiles.writeLabels(dir.resolve(Mnist.TEST_LABELS), data.test().labels()));
		DatasetDescription description = new DatasetDescription(name, false,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), data.sourceFormat(), data.training().size(),
				data.test().size(), counts(data.training()), counts(data.test()), checksums);
		DurableFiles.write(dir.resolve(DESCRIPTION), this.json.writeValueAsBytes(description));
		return description;
	}

	private static List<Integer> counts(LabelledImages examples) {
		return IntStream.of(examples.classCounts()).boxed().toList();
	}

}
