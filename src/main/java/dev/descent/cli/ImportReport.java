package dev.descent.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the {@code import} command did: for each kind of item how many were
 * copied and how many the target already held, and the conflicts it left alone.
 */
final class ImportReport {

	static final String VERSIONS = "model versions";

	static final String COUNTERS = "version counters";

	static final String TAGS = "version tags";

	static final String MOVES = "alias moves";

	static final String POLICIES = "alias policies";

	static final String DATASETS = "data sets";

	static final String CHECKPOINTS = "checkpoints";

	static final String JOBS = "job records";

	static final String SWEEPS = "sweeps";

	private final Map<String, int[]> counts = new LinkedHashMap<>();

	private final List<String> conflicts = new ArrayList<>();

	ImportReport() {
		for (String kind : List.of(DATASETS, VERSIONS, COUNTERS, TAGS, MOVES, POLICIES, CHECKPOINTS, JOBS, SWEEPS)) {
			this.counts.put(kind, new int[2]);
		}
	}

	void imported(String kind) {
		this.counts.get(kind)[0]++;
	}

	void unchanged(String kind) {
		unchanged(kind, 1);
	}

	void unchanged(String kind, int items) {
		this.counts.get(kind)[1] += items;
	}

	/** Records an item that was not copied because the target holds something else. */
	void conflict(String description) {
		this.conflicts.add(description);
	}

	List<String> conflicts() {
		return List.copyOf(this.conflicts);
	}

	void print(PrintStream out, PrintStream err) {
		this.counts.forEach(
				(kind, count) -> out.println(kind + ": " + count[0] + " imported, " + count[1] + " already there"));
		if (!this.conflicts.isEmpty()) {
			err.println(this.conflicts.size() + " conflict" + ((this.conflicts.size() == 1) ? "" : "s")
					+ ", not imported:");
			this.conflicts.forEach((conflict) -> err.println("  " + conflict));
		}
	}

}
