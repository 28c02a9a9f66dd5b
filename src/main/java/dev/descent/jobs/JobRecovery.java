package dev.descent.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.descent.engine.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does with the jobs it finds when it starts. A job interrupted by a
 * crash (found RUNNING) or by a shutdown (recorded QUEUED with finished epochs or a
 * checkpoint) is queued again to resume after its checkpoint's last epoch, with the
 * checkpoint's history; one that had finished no epoch starts again from its recorded
 * seed. A job whose checkpoint is expected but missing, unreadable, corrupt or of another
 * job is FAILED "interrupted", as every interrupted job is with
 * {@code descent.jobs.resume} false; a problem with one checkpoint never stops the
 * service from starting. Checkpoints of jobs that will not resume are deleted.
 */
final class JobRecovery {

	static final String INTERRUPTED = "interrupted: the service stopped while the job was running";

	private static final Logger logger = LoggerFactory.getLogger(JobRecovery.class);

	private final JobRecords jobs;

	private final boolean resume;

	JobRecovery(JobRecords jobs, boolean resume) {
		this.jobs = jobs;
		this.resume = resume;
	}

	/**
	 * Marks every interrupted job QUEUED to resume or FAILED, and deletes the checkpoints
	 * no job will resume from.
	 * @throws UncheckedIOException when the store cannot list the checkpoints
	 */
	void recover() {
		Set<String> checkpoints;
		try {
			checkpoints = this.jobs.checkpoints().ids();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the job checkpoints", ex);
		}
		for (Job job : this.jobs.list(null)) {
			if (job.state() == JobState.RUNNING || (job.state() == JobState.QUEUED
					&& (job.epochsCompleted() > 0 || checkpoints.contains(job.id())))) {
				this.jobs.update(job.id(), this::interrupted);
			}
		}
		for (String id : checkpoints) {
			if (!this.jobs.contains(id) || this.jobs.get(id).state() != JobState.QUEUED) {
				this.jobs.deleteCheckpoint(id);
			}
		}
	}

	/**
	 * @return a job that was interrupted: QUEUED with the history of its checkpoint when
	 * it can resume, else FAILED "interrupted"
	 */
	private Job interrupted(Job job) {
		if (!this.resume) {
			return job.failed(INTERRUPTED, Instant.now());
		}
		try {
			Optional<Checkpoint> checkpoint = this.jobs.checkpoints()
				.load(job.id(), JobTrainer.configOf(job.request()));
			if (checkpoint.isPresent()) {
				logger.info("Job {} was interrupted; it will resume after epoch {}", job.id(),
						checkpoint.get().epochsCompleted());
				return job.withHistory(checkpoint.get().history()).requeued();
			}
			if (job.epochsCompleted() == 0) {
				logger.info("Job {} was interrupted before its first epoch ended; it will start again", job.id());
				return job.requeued();
			}
			logger.warn("Job {} was interrupted after {} epochs but has no checkpoint; it is FAILED", job.id(),
					job.epochsCompleted());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Job {} was interrupted and cannot resume; it is FAILED: {}", job.id(), ex.toString());
		}
		return job.failed(INTERRUPTED, Instant.now());
	}

}
