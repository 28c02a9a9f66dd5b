package dev.descent.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job known to the service, in memory for reads and in the {@link JobStore} for
 * restarts; when other replicas share the store, reads and changes start from the store's
 * record instead, which any replica may have changed. Changes go through {@link #update},
 * one at a time, so snapshots are stored in the order they were made and a job in a final
 * state never changes again. A job that reaches a final state loses its checkpoint.
 */
final class JobRecords {

	private static final Logger logger = LoggerFactory.getLogger(JobRecords.class);

	private final JobStore store;

	private final Checkpoints checkpoints;

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();

	private final boolean shared;

	/** The last record of each job the listeners were told of. */
	private final Map<String, Job> told = new ConcurrentHashMap<>();

	/**
	 * @throws UncheckedIOException when the store cannot be read
	 */
	JobRecords(JobStore store) {
		this(store, false);
	}

	/**
	 * @param shared whether other replicas change the store's records
	 * @throws UncheckedIOException when the store cannot be read
	 */
	JobRecords(JobStore store, boolean shared) {
		this.store = store;
		this.shared = shared;
		this.checkpoints = new Checkpoints(store);
		try {
			store.loadAll().forEach((job) -> this.jobs.put(job.id(), job));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the job records", ex);
		}
	}

	/**
	 * Adds a listener told of every change, on the thread that made it, after it was
	 * recorded and outside the records' lock.
	 */
	void addListener(Consumer<Job> listener) {
		this.listeners.add(listener);
	}

	Checkpoints checkpoints() {
		return this.checkpoints;
	}

	/**
	 * @throws JobNotFoundException when no job has this id
	 */
	Job get(String id) {
		Job job = this.shared ? fresh(id) : this.jobs.get(id);
		if (job == null) {
			throw new JobNotFoundException(id);
		}
		return job;
	}

	boolean contains(String id) {
		return (this.shared ? fresh(id) : this.jobs.get(id)) != null;
	}

	/**
	 * @return the store's record of the job, remembered; {@code null} when it has none
	 */
	private Job fresh(String id) {
		try {
			Job job = this.store.load(id).orElse(null);
			if (job != null) {
				this.jobs.put(id, job);
			}
			return job;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the record of job " + id, ex);
		}
	}

	/**
	 * @param state only jobs in this state, all when {@code null}
	 * @return newest first
	 */
	List<Job> list(JobState state) {
		if (this.shared) {
			reload();
		}
		return this.jobs.values()
			.stream()
			.filter((job) -> state == null || job.state() == state)
			.sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed())
			.toList();
	}

	private void reload() {
		try {
			this.store.list().forEach((job) -> this.jobs.put(job.id(), job));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the job records", ex);
		}
	}

	long count(JobState state) {
		return this.jobs.values().stream().filter((job) -> job.state() == state).count();
	}

	/**
	 * Adds a job, or changes one and records the change. A job in a final state is left
	 * as it is, and a change that answers an equal job writes nothing.
	 * @param change given the current job ({@code null} for a new one), answers the next
	 * @return the job after the change
	 */
	Job update(String id, UnaryOperator<Job> change) {
		boolean[] changed = new boolean[1];
		Job next = record(id, change, changed);
		if (changed[0]) {
			notifyListeners(next);
		}
		return next;
	}

	/**
	 * Shared mode: tells the listeners of the changes other replicas recorded to the jobs
	 * this replica knows of, which its own changes never show: an epoch trained, or the
	 * end, on another replica. The jobs this replica trains are skipped, their changes
	 * being told as they are made; so are ended ones. A job is told once per change it
	 * shows when polled (several changes between two polls are told as one), never a
	 * record older than one already told. A store that cannot be reached is tried again
	 * at the next poll.
	 * @param trainsHere whether this replica trains the job
	 */
	void tellRemoteChanges(Predicate<String> trainsHere) {
		List<String> followed = this.jobs.keySet().stream().filter((id) -> {
			Job told = this.told.get(id);
			return (told == null || !told.state().isFinal()) && !trainsHere.test(id);
		}).toList();
		List<Job> stored;
		try {
			stored = this.store.load(followed);
		}
		catch (IOException | StoreUnavailableException ex) {
			logger.debug("Cannot read the records of the jobs followed; trying again at the next poll", ex);
			return;
		}
		for (Job job : stored) {
			Job told = this.told.get(job.id());
			if (job.equals(told) || (told != null && job.history().size() < told.history().size())) {
				continue;
			}
			this.jobs.put(job.id(), job);
			notifyListeners(job);
		}
	}

	private void notifyListeners(Job job) {
		if (job.equals(this.told.put(job.id(), job))) {
			return; // told already, by the poll of another replica's changes
		}
		for (Consumer<Job> listener : this.listeners) {
			try {
				listener.accept(job);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on a change of job {}", job.id(), ex);
			}
		}
	}

	private Job record(String id, UnaryOperator<Job> change, boolean[] changed) {
		synchronized (this.lock) {
			Job current = this.shared ? fresh(id) : this.jobs.get(id);
			if (current != null && current.state().isFinal()) {
				return current;
			}
			Job next = change.apply(current);
			if (next.equals(current)) {
				return current; // nothing changed: no write
			}
			this.jobs.put(id, next);
			changed[0] = true;
			try {
				this.store.save(next);
			}
			catch (IOException | StoreUnavailableException ex) {
				logger.error("Cannot record job {}; its state is kept in memory only", id, ex);
			}
			if (next.state().isFinal()) {
				deleteCheckpoint(id);
			}
			return next;
		}
	}

	/**
	 * Records a new job in the store first and then in memory, so that a job is accepted
	 * only once it would survive a restart; a store that cannot be reached refuses it and
	 * nothing of it stays.
	 * @throws StoreUnavailableException when the store cannot be reached
	 */
	Job create(Job job) {
		synchronized (this.lock) {
			try {
				this.store.save(job);
			}
			catch (IOException ex) {
				logger.error("Cannot record job {}; its state is kept in memory only", job.id(), ex);
			}
			this.jobs.put(job.id(), job);
		}
		notifyListeners(job);
		return job;
	}

	/**
	 * Refuses a change asked for by a client while the store cannot be reached, before
	 * anything changes; changes the service makes itself (a job's progress) are kept in
	 * memory meanwhile and written with the job's next change.
	 * @throws StoreUnavailableException when the store reports itself unavailable
	 */
	void requireAvailable() {
		StoreAvailability availability = this.store.availability();
		if (!availability.available()) {
			throw new StoreUnavailableException("jobs", "the job store is unavailable: " + availability.reason(), null);
		}
	}

	/** Forgets a job that was never accepted. */
	void remove(String id) {
		synchronized (this.lock) {
			this.jobs.remove(id);
			this.told.remove(id);
			try {
				this.store.delete(id);
			}
			catch (IOException | StoreUnavailableException ex) {
				logger.warn("Cannot delete the record of refused job {}", id, ex);
			}
		}
	}

	/** Deletes a job's checkpoint: an ended job never resumes. */
	void deleteCheckpoint(String id) {
		try {
			this.checkpoints.delete(id);
		}
		catch (IOException | StoreUnavailableException ex) {
			logger.warn("Cannot delete the checkpoint of job {}; it is deleted at the next start", id, ex);
		}
	}

	/** Runs a check-then-change sequence with no other change in between. */
	<T> T atomically(Supplier<T> action) {
		synchronized (this.lock) {
			return action.get();
		}
	}

}
