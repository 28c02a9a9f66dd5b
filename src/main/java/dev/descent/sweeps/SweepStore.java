package dev.descent.sweeps;

import java.io.IOException;
import java.util.List;

/**
 * Keeps every sweep (its definition and trial list) across restarts. A save replaces the
 * sweep's previous record atomically.
 */
public interface SweepStore {

	void save(Sweep sweep) throws IOException;

	/**
	 * @return every readable sweep; unreadable records are skipped
	 */
	List<Sweep> loadAll();

}
