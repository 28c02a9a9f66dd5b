package dev.descent.storage.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.descent.data.Mnist;
import dev.descent.datasets.DatasetConflictException;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetNames;
import dev.descent.datasets.DatasetNotFoundException;
import dev.descent.datasets.DatasetStore;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data set store of the shared backend: a set's four raw IDX files are blobs under a
 * prefix never used before ({@code datasets/<name>/<stamp>/}), each streamed to the
 * object store and its SHA-256 checked against the description as it is written; the
 * description is then inserted in table {@code dataset}, naming the prefix. That insert
 * is the one step that makes the set visible, and the one that decides a race for a name
 * ({@code on conflict do nothing}): a loser, or an upload that fails, deletes its blobs.
 * A delete removes the row first (the set is gone at once), then the blobs. Reads check
 * every file's SHA-256 against the description. Blobs that a crash left without a row are
 * deleted by {@link #removeLeftovers}, which the backend runs on start.
 */
public final class SharedDatasetStore implements DatasetStore {

	static final String DATASETS = "datasets/";

	/** Older than any upload in progress: all of MNIST takes seconds. */
	static final Duration ORPHAN_AGE = Duration.ofHours(1);

	private static final List<String> FILES = List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
			Mnist.TEST_LABELS);

	private static final Logger logger = LoggerFactory.getLogger(SharedDatasetStore.class);

	static final String STORE = "datasets";

	private final SharedDatabase database;

	private final Blobs blobs;

	private final JsonMapper json;

	private final ObjectReader descriptions;

	private final Clock clock;

	/**
	 * @param blobs the backend's blobs, of any store: this store's failures name
	 * "datasets"
	 */
	public SharedDatasetStore(SharedDatabase database, Blobs blobs, JsonMapper json) {
		this(database, blobs, json, Clock.systemUTC());
	}

	SharedDatasetStore(SharedDatabase database, Blobs blobs, JsonMapper json, Clock clock) {
		this.database = database;
		this.blobs = blobs.forStore(STORE);
		this.json = json;
		// descriptions written by another version may have fields this one does not know
		this.descriptions = json.readerFor(DatasetDescription.class)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.clock = clock;
	}

	@Override
	public List<DatasetDescription> list() {
		List<Row> rows = this.database.call(STORE,
				() -> this.database.jdbc()
					.sql("select name, blob_prefix, description::text from dataset order by name")
					.query(Row::of)
					.list());
		List<DatasetDescription> all = new ArrayList<>(rows.size());
		for (Row row : rows) {
			try {
				all.add(describe(row));
			}
			catch (IOException ex) {
				logger.warn("Data set {} is not listed: {}", row.name(), ex.getMessage());
			}
		}
		return all;
	}

	@Override
	public Optional<DatasetDescription> find(String name) throws IOException {
		Optional<Row> row = row(name);
		return row.isPresent() ? Optional.of(describe(row.get())) : Optional.empty();
	}

	@Override
	public boolean exists(String name) {
		return row(name).isPresent();
	}

	private Optional<Row> row(String name) {
		if (!DatasetNames.isValid(name) || DatasetNames.MNIST.equals(name)) {
			return Optional.empty();
		}
		return this.database.call(STORE,
				() -> this.database.jdbc()
					.sql("select name, blob_prefix, description::text from dataset where name = :name")
					.param("name", name)
					.query(Row::of)
					.optional());
	}

	private DatasetDescription describe(Row row) throws IOException {
		try {
			return this.descriptions.readValue(row.description());
		}
		catch (JacksonException ex) {
			throw new IOException(
					"the description of data set '" + row.name() + "' is unreadable: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public DatasetDescription create(DatasetDescription description, Map<String, BlobWriter> files) throws IOException {
		String name = description.name();
		if (!DatasetNames.isValid(name)) {
			throw new IllegalArgumentException("not a valid data set name");
		}
		requireFree(name);
		String prefix = StampedKeys.next(DATASETS + name + "/", this.clock.instant()) + "/";
		try {
			for (String file : FILES) {
				upload(prefix, file, description.checksums().get(file), files.get(file));
			}
			insert(description, prefix);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(prefix);
			throw ex;
		}
		return description;
	}

	private void requireFree(String name) {
		if (DatasetNames.MNIST.equals(name) || exists(name)) {
			throw new DatasetConflictException(name, "data set '" + name + "' already exists");
		}
	}

	/** Uploads nothing when the file's bytes do not hash to the description's SHA-256. */
	private void upload(String prefix, String file, String expected, BlobWriter writer) throws IOException {
		try {
			this.blobs.put(prefix + file, writer, expected);
		}
		catch (IOException ex) {
			throw new IOException("data set file " + file + " was not stored: " + ex.getMessage(), ex);
		}
	}

	/** The step that makes the set visible, and that a concurrent upload may have won. */
	private void insert(DatasetDescription description, String prefix) {
		String name = description.name();
		int inserted = this.database.call(STORE, () -> this.database.jdbc()
			.sql("insert into dataset (name, description, blob_prefix, created_at)"
					+ " values (:name, cast(:description as jsonb), :prefix, now()) on conflict (name) do nothing")
			.param("name", name)
			.param("description", this.json.writeValueAsString(description))
			.param("prefix", prefix)
			.update());
		if (inserted == 0) {
			throw new DatasetConflictException(name, "data set '" + name + "' already exists");
		}
	}

	/**
	 * Reads the file to its end, also when {@code reader} stops early, so that its
	 * SHA-256 is always checked against the description: a corrupt blob is a
	 * {@code CorruptBlobException}.
	 */
	@Override
	public <T> T readFile(String name, String file, BlobReader<T> reader) throws IOException {
		Row row = row(name).orElseThrow(() -> new DatasetNotFoundException(name));
		if (!FILES.contains(file)) {
			throw new IllegalArgumentException("not a data set file: " + file);
		}
		String sha256 = describe(row).checksums().get(file);
		try (InputStream in = this.blobs.open(row.prefix() + file, sha256)) {
			T value = reader.read(in);
			in.transferTo(OutputStream.nullOutputStream());
			return value;
		}
	}

	/** The row first, so the set is gone at once; then its blobs. */
	@Override
	public void delete(String name) {
		if (!DatasetNames.isValid(name) || DatasetNames.MNIST.equals(name)) {
			throw new DatasetNotFoundException(name);
		}
		String prefix = this.database
			.call(STORE,
					() -> this.database.jdbc()
						.sql("delete from dataset where name = :name returning blob_prefix")
						.param("name", name)
						.query(String.class)
						.optional())
			.orElseThrow(() -> new DatasetNotFoundException(name));
		deleteQuietly(prefix);
	}

	/** UP when PostgreSQL and the object store both answer now. */
	@Override
	public StoreAvailability availability() {
		StoreAvailability database = this.database.availability();
		return database.available() ? this.blobs.availability() : database;
	}

	/**
	 * Deletes the blobs of sets that no row names and that were started before
	 * {@code cutoff}: what uploads or deletes interrupted by a crash left.
	 * @return how many blobs were deleted
	 */
	int removeLeftovers(Instant cutoff) throws IOException {
		List<String> keys = this.blobs.list(DATASETS);
		Set<String> named = new HashSet<>(this.database.call(STORE,
				() -> this.database.jdbc().sql("select blob_prefix from dataset").query(String.class).list()));
		int removed = 0;
		for (String key : keys) {
			// datasets/<name>/<stamp>/<file>
			String[] parts = key.substring(DATASETS.length()).split("/", -1);
			if (parts.length != 3) {
				continue;
			}
			String prefix = DATASETS + parts[0] + "/" + parts[1] + "/";
			if (!named.contains(prefix) && StampedKeys.madeBefore(parts[1], cutoff)) {
				deleteBlobQuietly(key);
				removed++;
			}
		}
		return removed;
	}

	/**
	 * {@link #removeLeftovers} of anything older than {@link #ORPHAN_AGE}; logs instead
	 * of failing when a store is down (the next start retries).
	 */
	void removeLeftovers() {
		try {
			int removed = removeLeftovers(this.clock.instant().minus(ORPHAN_AGE));
			if (removed > 0) {
				logger.info("Deleted {} data set blobs that interrupted uploads or deletes left", removed);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not look for orphan data set blobs (the next start does): {}", ex.getMessage());
		}
	}

	private void deleteQuietly(String prefix) {
		try {
			for (String key : this.blobs.list(prefix)) {
				deleteBlobQuietly(key);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not list data set blobs {} (they are removed later): {}", prefix, ex.getMessage());
		}
	}

	private void deleteBlobQuietly(String key) {
		try {
			this.blobs.delete(key);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not delete data set blob {} (it is removed later): {}", key, ex.getMessage());
		}
	}

	private record Row(String name, String prefix, String description) {

		static Row of(ResultSet rs, int n) throws SQLException {
			return new Row(rs.getString(1), rs.getString(2), rs.getString(3));
		}

	}

}
