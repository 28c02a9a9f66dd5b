package dev.descent.storage.shared;

import java.util.List;

import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep store of the shared backend: each sweep's record is a row of table
 * {@code sweep} (its JSON, as the filesystem backend writes it, with its id and state),
 * replaced in one statement on every change, so every replica sees every sweep.
 */
public final class SharedSweepStore implements SweepStore {

	private final JsonRecordRows<Sweep> records;

	public SharedSweepStore(SharedDatabase database, JsonMapper mapper) {
		this.records = new JsonRecordRows<>(database, "sweeps", "sweep", mapper, Sweep.class, "sweep");
	}

	@Override
	public void save(Sweep sweep) {
		this.records.save(sweep.id(), sweep.state().name(), sweep);
	}

	@Override
	public List<Sweep> loadAll() {
		return this.records.loadAll();
	}

}
