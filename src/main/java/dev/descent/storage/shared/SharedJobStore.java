package dev.descent.storage.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.descent.jobs.Job;
import dev.descent.jobs.JobState;
import dev.descent.jobs.JobStore;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job store of the shared backend: each job's record is a row of table {@code job}
 * (its JSON, as the filesystem backend writes it, with its id and state), so every
 * replica sees every job. A job's checkpoint is a blob in the object store under a key
 * never used before ({@code checkpoints/<id>/<stamp>}), streamed there by
 * {@link Blobs#put} as it is encoded; table {@code job_checkpoint} names the job's
 * current blob and its SHA-256, which every read checks. A checkpoint is replaced by
 * writing the new blob, then pointing the row at it (the atomic step), then deleting the
 * old blob; a crash before the row leaves an orphan blob, deleted by a later
 * {@link #loadAll} once it is older than any write in progress could be.
 */
public final class SharedJobStore implements JobStore {

	static final String STORE = "jobs";

	static final String CHECKPOINTS = "checkpoints/";

	/** Older than any checkpoint write in progress: a [784,100,10] one takes seconds. */
	static final Duration ORPHAN_AGE = Duration.ofHours(1);

	private static final Logger logger = LoggerFactory.getLogger(SharedJobStore.class);

	private static final String REPLACE = "update job_checkpoint c"
			+ " set blob_key = :key, sha256 = :sha256, size = :size, written_at = now()"
			+ " from (select job_id, blob_key from job_checkpoint where job_id = :id for update) previous"
			+ " where c.job_id = previous.job_id returning previous.blob_key";

	private static final String INSERT = "insert into job_checkpoint (job_id, blob_key, sha256, size, written_at)"
			+ " values (:id, :key, :sha256, :size, now()) on conflict (job_id) do nothing";

	private final SharedDatabase database;

	private final JsonRecordRows<Job> records;

	private final Blobs blobs;

	private final Clock clock;

	/**
	 * @param blobs the backend's blobs, of any store: this store's failures name "jobs"
	 */
	public SharedJobStore(SharedDatabase database, Blobs blobs, JsonMapper mapper) {
		this(database, blobs, mapper, Clock.systemUTC());
	}

	SharedJobStore(SharedDatabase database, Blobs blobs, JsonMapper mapper, Clock clock) {
		this.database = database;
		this.records = new JsonRecordRows<>(database, STORE, "job", mapper, Job.class, "job",
				Arrays.stream(JobState.values())
					.filter(JobState::isFinal)
					.map(JobState::name)
					.collect(Collectors.toSet()));
		this.blobs = blobs.forStore(STORE);
		this.clock = clock;
	}

	/** A record in a final state stays: a save over it writes nothing. */
	@Override
	public void save(Job job) {
		this.records.save(job.id(), job.state().name(), job);
	}

	@Override
	public Optional<Job> load(String id) {
		return this.records.load(id);
	}

	@Override
	public List<Job> load(Collection<String> ids) {
		return this.records.loadAll(ids);
	}

	@Override
	public List<Job> list() {
		return this.records.loadAll();
	}

	@Override
	public void delete(String id) {
		this.records.delete(id);
	}

	/** Also deletes the checkpoint blobs that interrupted writes left. */
	@Override
	public List<Job> loadAll() {
		List<Job> jobs = this.records.loadAll();
		try {
			int removed = removeOrphans(this.clock.instant().minus(ORPHAN_AGE));
			if (removed > 0) {
				logger.info("Deleted {} checkpoint blobs that interrupted writes left", removed);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not look for orphan checkpoint blobs (the next start does): {}", ex.getMessage());
		}
		return jobs;
	}

	@Override
	public void saveCheckpoint(String id, BlobWriter writer) throws IOException {
		String key = StampedKeys.next(CHECKPOINTS + id + "/", this.clock.instant());
		Optional<String> previous;
		try {
			previous = point(id, key, this.blobs.put(key, writer));
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(key);
			throw ex;
		}
		previous.filter((old) -> !old.equals(key)).ifPresent(this::deleteQuietly);
	}

	/**
	 * Points the job's checkpoint row at {@code key}: one statement that replaces the row
	 * and answers the key it named (locked first, so two writers of one job each get the
	 * key the other replaced), or, for a job's first checkpoint, one insert.
	 * @return the key it pointed at before, if any
	 */
	private Optional<String> point(String id, String key, Blobs.Written written) {
		return this.database.call(STORE, () -> {
			while (true) {
				Optional<String> previous = this.database.jdbc()
					.sql(REPLACE)
					.param("id", id)
					.param("key", key)
					.param("sha256", written.sha256())
					.param("size", written.size())
					.query(String.class)
					.optional();
				if (previous.isPresent()) {
					return previous;
				}
				int inserted = this.database.jdbc()
					.sql(INSERT)
					.param("id", id)
					.param("key", key)
					.param("sha256", written.sha256())
					.param("size", written.size())
					.update();
				if (inserted == 1) {
					return Optional.empty();
				}
				// another writer inserted the job's first checkpoint meanwhile: replace
				// it
			}
		});
	}

	/**
	 * Reads the blob to its end, also when {@code reader} stops early, so that its
	 * SHA-256 is always checked: a damaged blob is a {@link CorruptBlobException}.
	 */
	@Override
	public <T> Optional<T> readCheckpoint(String id, BlobReader<T> reader) throws IOException {
		Optional<Stored> stored = current(id);
		if (stored.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = this.blobs.open(stored.get().key(), stored.get().sha256())) {
			T value = reader.read(in);
			in.transferTo(OutputStream.nullOutputStream());
			return Optional.of(value);
		}
	}

	private Optional<Stored> current(String id) {
		return this.database.call(STORE,
				() -> this.database.jdbc()
					.sql("select blob_key, sha256 from job_checkpoint where job_id = :id")
					.param("id", id)
					.query((rs, n) -> new Stored(rs.getString("blob_key"), rs.getString("sha256")))
					.optional());
	}

	/** The row first, so the checkpoint is gone at once; then its blob. */
	@Override
	public void deleteCheckpoint(String id) {
		Optional<String> key = this.database.call(STORE,
				() -> this.database.jdbc()
					.sql("delete from job_checkpoint where job_id = :id returning blob_key")
					.param("id", id)
					.query(String.class)
					.optional());
		key.ifPresent(this::deleteQuietly);
	}

	@Override
	public Set<String> checkpointIds() {
		return new HashSet<>(this.database.call(STORE,
				() -> this.database.jdbc().sql("select job_id from job_checkpoint").query(String.class).list()));
	}

	/** UP when PostgreSQL and the object store both answer now. */
	@Override
	public StoreAvailability availability() {
		StoreAvailability database = this.database.availability();
		return database.available() ? this.blobs.availability() : database;
	}

	/**
	 * Deletes the checkpoint blobs no row names that were made before {@code cutoff}:
	 * what writes interrupted between blob and row left.
	 * @return how many were deleted
	 */
	int removeOrphans(Instant cutoff) throws IOException {
		List<String> keys = this.blobs.list(CHECKPOINTS);
		Set<String> named = new HashSet<>(this.database.call(STORE,
				() -> this.database.jdbc().sql("select blob_key from job_checkpoint").query(String.class).list()));
		int removed = 0;
		for (String key : keys) {
			String stamp = key.substring(key.lastIndexOf('/') + 1);
			if (!named.contains(key) && StampedKeys.madeBefore(stamp, cutoff)) {
				deleteQuietly(key);
				removed++;
			}
		}
		return removed;
	}

	/** A blob left behind is an orphan, removed later: never worth failing a call. */
	private void deleteQuietly(String key) {
		try {
			this.blobs.delete(key);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not delete checkpoint blob {} (it is removed later): {}", key, ex.getMessage());
		}
	}

	private record Stored(String key, String sha256) {
	}

}
