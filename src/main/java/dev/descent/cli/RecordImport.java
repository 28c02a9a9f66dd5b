package dev.descent.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.descent.data.Sha256;
import dev.descent.datasets.DatasetDescription;
import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobStore;
import dev.descent.storage.BlobWriter;
import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepStore;

/**
 * Copies a data directory's uploaded data sets, job records with their checkpoints, and
 * sweeps into the configured stores, keeping ids, times and checksums. An item the target
 * already holds the same is skipped; one it holds otherwise is a conflict and left alone.
 * A job's checkpoint is written before its record, so a job never shows without it.
 */
final class RecordImport {

	private final ImportReport report;

	RecordImport(ImportReport report) {
		this.report = report;
	}

	void datasets(DatasetStore source, DatasetStore target) throws IOException {
		for (DatasetDescription set : sorted(source.list(), DatasetDescription::name)) {
			Optional<DatasetDescription> there = target.find(set.name());
			if (there.isPresent()) {
				if (there.get().checksums().equals(set.checksums())) {
					this.report.unchanged(ImportReport.DATASETS);
				}
				else {
					this.report.conflict("data set " + set.name() + ": other files in the target ("
							+ differing(set.checksums(), there.get().checksums()) + ")");
				}
				continue;
			}
			Map<String, BlobWriter> files = new HashMap<>();
			for (String file : set.checksums().keySet()) {
				files.put(file, (out) -> source.readFile(set.name(), file, (in) -> in.transferTo(out)));
			}
			target.create(set, files);
			this.report.imported(ImportReport.DATASETS);
		}
	}

	void jobs(JobStore source, JobStore target) throws IOException {
		Map<String, Job> there = byId(target.loadAll(), Job::id);
		for (Job job : sorted(source.loadAll(), Job::id)) {
			Job existing = there.get(job.id());
			if (existing != null && !same(job, existing)) {
				this.report.conflict("job " + job.id() + ": " + existing.state() + " with " + existing.epochsCompleted()
						+ " epochs in the target, " + job.state() + " with " + job.epochsCompleted() + " in --from");
				continue;
			}
			if (!copyCheckpoint(source, target, job.id())) {
				continue;
			}
			if (existing != null) {
				this.report.unchanged(ImportReport.JOBS);
			}
			else {
				target.save(job);
				this.report.imported(ImportReport.JOBS);
			}
		}
	}

	/**
	 * @return false when the target holds another checkpoint for the job
	 */
	private boolean copyCheckpoint(JobStore source, JobStore target, String id) throws IOException {
		Optional<String> sha256 = source.readCheckpoint(id, Sha256::hex);
		if (sha256.isEmpty()) {
			return true;
		}
		Optional<String> there = target.readCheckpoint(id, Sha256::hex);
		if (there.equals(sha256)) {
			this.report.unchanged(ImportReport.CHECKPOINTS);
			return true;
		}
		if (there.isPresent()) {
			this.report.conflict("checkpoint of job " + id + ": SHA-256 " + sha256.get() + " in --from, " + there.get()
					+ " in the target");
			return false;
		}
		source.readCheckpoint(id, (in) -> {
			target.saveCheckpoint(id, in::transferTo);
			return id;
		});
		this.report.imported(ImportReport.CHECKPOINTS);
		return true;
	}

	void sweeps(SweepStore source, SweepStore target) throws IOException {
		Map<String, Sweep> there = byId(target.loadAll(), Sweep::id);
		for (Sweep sweep : sorted(source.loadAll(), Sweep::id)) {
			Sweep existing = there.get(sweep.id());
			if (existing == null) {
				target.save(sweep);
				this.report.imported(ImportReport.SWEEPS);
			}
			else if (existing.state() == sweep.state() && existing.trials().equals(sweep.trials())) {
				this.report.unchanged(ImportReport.SWEEPS);
			}
			else {
				this.report.conflict("sweep " + sweep.id() + ": " + existing.state() + " in the target, "
						+ sweep.state() + " in --from");
			}
		}
	}

	private static String differing(Map<String, String> ours, Map<String, String> theirs) {
		return ours.keySet()
			.stream()
			.filter((file) -> !ours.get(file).equals(theirs.get(file)))
			.sorted()
			.collect(Collectors.joining(", "));
	}

	/**
	 * Two records of one job at the same point: state, epochs, result and times (to the
	 * millisecond: a database may keep fewer digits than an {@link Instant}).
	 */
	static boolean same(Job a, Job b) {
		return a.state() == b.state() && a.epochsCompleted() == b.epochsCompleted()
				&& Objects.equals(a.model(), b.model()) && Objects.equals(a.error(), b.error())
				&& millis(a.createdAt()).equals(millis(b.createdAt()))
				&& Objects.equals(millis(a.finishedAt()), millis(b.finishedAt()));
	}

	private static Instant millis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

	private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
		return items.stream().sorted(Comparator.comparing(key)).toList();
	}

	private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
		return items.stream().collect(Collectors.toMap(id, Function.identity()));
	}

}
