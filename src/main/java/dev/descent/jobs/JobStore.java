package dev.descent.jobs;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;

/**
 * Where job records and the checkpoints of running jobs are kept, so that both survive a
 * crash or restart. Implemented by a backend package ({@code storage/filesystem},
 * {@code storage/shared}); the jobs feature keeps every job in memory for reads and
 * writes each change here.
 *
 * <p>
 * Every backend keeps these promises, which the store contract test checks: a saved
 * record or checkpoint replaces the previous one atomically (a reader sees the old one or
 * the new one, whole); a checkpoint is streamed, never required whole in memory; records
 * written by another version of the service, with fields this one does not know, are
 * read; a store that cannot be reached throws {@link StoreUnavailableException}
 * (unchecked), a problem with one item is an {@link IOException}. Job ids match
 * {@code [A-Za-z0-9-]+}.
 */
public interface JobStore {

	/** Writes the job's record, replacing the previous one atomically. */
	void save(Job job) throws IOException;

	/** Deletes a job's record, if any. */
	void delete(String id) throws IOException;

	/**
	 * @return every readable job record; unreadable ones are logged and skipped, and what
	 * an interrupted write left behind is deleted
	 */
	List<Job> loadAll() throws IOException;

	/**
	 * @return one job's record, as {@link #loadAll} would read it; the shared backend
	 * reads it from the database, where other replicas write
	 */
	default Optional<Job> load(String id) throws IOException {
		return loadAll().stream().filter((job) -> job.id().equals(id)).findFirst();
	}

	/**
	 * @return the readable records of these jobs (in no particular order); a backend that
	 * can read them in one request does
	 */
	default List<Job> load(Collection<String> ids) throws IOException {
		Set<String> wanted = Set.copyOf(ids);
		return loadAll().stream().filter((job) -> wanted.contains(job.id())).toList();
	}

	/**
	 * @return every readable job record, without the clean-up {@link #loadAll} does at
	 * start
	 */
	default List<Job> list() throws IOException {
		return loadAll();
	}

	/**
	 * Streams the job's checkpoint (the jobs feature encodes it) from {@code writer},
	 * replacing the previous one atomically once it is completely written; when the
	 * writer fails the previous checkpoint stays.
	 */
	void saveCheckpoint(String id, BlobWriter writer) throws IOException;

	/**
	 * @return what {@code reader} made of the job's checkpoint, empty when it has none
	 * @throws IOException when it cannot be read, or what {@code reader} threw
	 */
	<T> Optional<T> readCheckpoint(String id, BlobReader<T> reader) throws IOException;

	/** Deletes a job's checkpoint, if any. */
	void deleteCheckpoint(String id) throws IOException;

	/**
	 * @return the ids of the jobs that have a checkpoint
	 */
	Set<String> checkpointIds() throws IOException;

	/**
	 * @return whether the store can serve reads and writes now; cheap enough for a
	 * readiness probe, never throws
	 */
	StoreAvailability availability();

}
