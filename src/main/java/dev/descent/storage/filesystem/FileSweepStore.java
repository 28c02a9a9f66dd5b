package dev.descent.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every sweep as a JSON file {@code <id>.json} under
 * {@code ${descent.data-dir}/sweeps} (filesystem backend), replaced atomically (written,
 * fsynced, renamed) on every change.
 */
public class FileSweepStore implements SweepStore {

	private final JsonRecordFiles<Sweep> records;

	/**
	 * @param directory where the sweeps' records are kept
	 */
	public FileSweepStore(Path directory, JsonMapper mapper) {
		this.records = new JsonRecordFiles<>(directory, mapper, Sweep.class, "sweep");
	}

	@Override
	public void save(Sweep sweep) throws IOException {
		this.records.save(sweep.id(), sweep);
	}

	@Override
	public List<Sweep> loadAll() {
		try {
			return this.records.loadAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the sweep records", ex);
		}
	}

}
