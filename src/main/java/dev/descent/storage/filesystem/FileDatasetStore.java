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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetConflictException;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetNames;
import dev.descent.datasets.DatasetNotFoundException;
import dev.descent.datasets.DatasetStore;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.DurableFiles;
import dev.descent.storage.StoreAvailability;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The uploaded data sets on disk: {@code ROOT/NAME/} holds MNIST's four raw IDX files and
 * {@code dataset.json}. A set is written into {@code ROOT/.staging-*}, forced to disk and
 * renamed into place in one atomic step, so a reader (or a restart) sees a complete set
 * or none; a deleted set is first renamed to {@code ROOT/.trash-*} (see
 * {@link DurableFiles#publishDirectory} and {@link DurableFiles#deleteDirectory}).
 * Leftovers of either kind from a crash are removed when the store is created.
 * Thread-safe.
 */
public final class FileDatasetStore implements DatasetStore {

	static final String DESCRIPTION = "dataset.json";

	private static final List<String> FILES = List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
			Mnist.TEST_LABELS);

	private static final Log logger = LogFactory.getLog(FileDatasetStore.class);

	private final Path root;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Object lock = new Object();

	/**
	 * @param root the directory holding the data sets,
	 * {@code ${descent.data-dir}/datasets} (created when needed)
	 */
	public FileDatasetStore(Path root) throws IOException {
		this.root = root;
		DurableFiles.removeLeftovers(root);
	}

	@Override
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

	@Override
	public Optional<DatasetDescription> find(String name) throws IOException {
		if (!DatasetNames.isValid(name) || DatasetNames.MNIST.equals(name)) {
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

	@Override
	public boolean exists(String name) {
		return DatasetNames.isValid(name) && !DatasetNames.MNIST.equals(name)
				&& Files.isRegularFile(directory(name).resolve(DESCRIPTION));
	}

	/**
	 * @return the directory of the data set {@code name} (a valid name)
	 */
	Path directory(String name) {
		if (!DatasetNames.isValid(name)) {
			throw new IllegalArgumentException("not a valid data set name");
		}
		return this.root.resolve(name);
	}

	private void requireFree(String name) {
		if (DatasetNames.MNIST.equals(name) || Files.exists(directory(name))) {
			throw new DatasetConflictException(name, "data set '" + name + "' already exists");
		}
	}

	@Override
	public DatasetDescription create(DatasetDescription description, Map<String, BlobWriter> files) throws IOException {
		String name = description.name();
		requireFree(name);
		return DurableFiles.publishDirectory(directory(name), (staging) -> writeAll(staging, description, files),
				(move) -> {
					synchronized (this.lock) {
						requireFree(name); // another upload of the name may have been
											// faster
						move.run();
					}
				});
	}

	private DatasetDescription writeAll(Path dir, DatasetDescription description, Map<String, BlobWriter> files)
			throws IOException {
		for (String file : FILES) {
			MessageDigest digest = Sha256.newDigest();
			DurableFiles.write(dir.resolve(file), (out) -> {
				OutputStream hashing = new DigestOutputStream(out, digest);
				files.get(file).writeTo(hashing);
				hashing.flush();
			});
			String sha256 = Sha256.hex(digest);
			if (!sha256.equals(description.checksums().get(file))) {
				throw new IOException("data set file " + file + " was written with SHA-256 " + sha256
						+ ", its description says " + description.checksums().get(file));
			}
		}
		DurableFiles.write(dir.resolve(DESCRIPTION), this.json.writeValueAsBytes(description));
		return description;
	}

	@Override
	public <T> T readFile(String name, String file, BlobReader<T> reader) throws IOException {
		if (!exists(name)) {
			throw new DatasetNotFoundException(name);
		}
		if (!FILES.contains(file)) {
			throw new IllegalArgumentException("not a data set file: " + file);
		}
		try (InputStream in = Files.newInputStream(directory(name).resolve(file))) {
			return reader.read(in);
		}
	}

	/** Renamed away atomically, then deleted. */
	@Override
	public void delete(String name) throws IOException {
		if (!exists(name)) {
			throw new DatasetNotFoundException(name);
		}
		DurableFiles.deleteDirectory(directory(name));
	}

	/**
	 * UP when the directory exists (or can be made) and is writable; the reason never
	 * names the path.
	 */
	@Override
	public StoreAvailability availability() {
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			return StoreAvailability.down("the data set directory cannot be created");
		}
		return Files.isWritable(this.root) ? StoreAvailability.up()
				: StoreAvailability.down("the data set directory is not writable");
	}

}
