package dev.descent.sweeps;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every sweep (its definition and trial list) across restarts. A save replaces the
 * sweep's previous record atomically. A {@link #shared() shared} store is read and
 * changed by several replicas at once; {@link #tryExclusively} lets one of them at a time
 * change a sweep.
 */
public interface SweepStore {

	void save(Sweep sweep) throws IOException;

	/**
	 * @return every readable sweep; unreadable records are skipped
	 */
	List<Sweep> loadAll();

	/**
	 * @return the sweep's current record, empty when there is none or it is unreadable
	 */
	default Optional<Sweep> load(String id) {
		return loadAll().stream().filter((sweep) -> sweep.id().equals(id)).findFirst();
	}

	/**
	 * @return whether other replicas read and change this store's records, so that reads
	 * must start from the store and changes be made {@link #tryExclusively exclusively}
	 */
	default boolean shared() {
		return false;
	}

	/**
	 * Runs {@code work} while no other replica runs work for the same sweep through this
	 * method, or does not run it at all when another replica is running some.
	 * @return whether {@code work} ran
	 * @throws dev.descent.storage.StoreUnavailableException when the store cannot be
	 * reached (work has not run)
	 */
	default boolean tryExclusively(String id, Runnable work) {
		return tryExclusively(id, Duration.ZERO, work);
	}

	/**
	 * As {@link #tryExclusively(String, Runnable)}, waiting up to {@code wait} for the
	 * other replica's work on the sweep to end.
	 * @return whether {@code work} ran
	 */
	default boolean tryExclusively(String id, Duration wait, Runnable work) {
		work.run();
		return true;
	}

}
