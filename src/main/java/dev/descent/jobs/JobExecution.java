package dev.descent.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochListener;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.TrainingCancelledException;
import dev.descent.metrics.TrainingMetrics;
import dev.descent.models.ModelRef;
import dev.descent.storage.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one job's run on a training thread: it resumes from the job's checkpoint
 * when it had finished epochs, trains, registers the model and records how it ended.
 * After every finished epoch the checkpoint (network, optimiser state and history) is
 * written before the record counts the epoch; it is deleted when the job ends. A job's
 * time limit bounds its training time across resumes: the training seconds of the epochs
 * it resumes after count against it, the time the service was down and the unfinished
 * epoch that was lost do not.
 */
final class JobExecution {

	private static final Logger logger = LoggerFactory.getLogger(JobExecution.class);

	private final JobRecords jobs;

	private final JobTrainer trainer;

	private final TrainingMetrics metrics;

	private final boolean resume;

	private final String worker;

	private final int maxAttempts;

	/**
	 * @param worker this replica's {@code descent.instance-id}
	 * @param maxAttempts how many times a job may fail over to another replica
	 */
	JobExecution(JobRecords jobs, JobTrainer trainer, TrainingMetrics metrics, boolean resume, String worker,
			int maxAttempts) {
		this.jobs = jobs;
		this.trainer = trainer;
		this.metrics = metrics;
		this.resume = resume;
		this.worker = worker;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Trains a job the queue handed to this replica, to its end or until it is stopped.
	 * @return true when it was stopped to shut down and is QUEUED to resume
	 */
	boolean execute(JobRun run) {
		String id = run.jobId();
		if (!this.jobs.contains(id)) {
			return false; // refused at submission
		}
		Job job = this.jobs.update(id, this::claimed);
		if (job.state() != JobState.RUNNING) {
			return false; // cancelled while it waited, or failed over too often
		}
		try {
			train(run, job);
		}
		finally {
			if (this.jobs.get(id).state().isFinal()) {
				// a checkpoint written as the job was cancelled
				this.jobs.deleteCheckpoint(id);
			}
		}
		return run.stopReason() == JobRun.Stop.SHUTDOWN && this.jobs.get(id).state() == JobState.QUEUED;
	}

	/**
	 * @return the job as this replica starts it: a QUEUED one starts or resumes; a
	 * RUNNING one was training on a replica that stopped renewing its lease, and fails
	 * over here unless it did so too often
	 */
	private Job claimed(Job job) {
		if (job.state() == JobState.RUNNING && job.failovers() >= this.maxAttempts) {
			return job.failed("failed over more than descent.jobs.max-attempts (" + this.maxAttempts
					+ ") times: the replicas training it stopped renewing its lease", Instant.now());
		}
		if (job.state() == JobState.RUNNING) {
			logger.info("Job {} was training on {}, which stopped renewing its lease; it fails over to {}", job.id(),
					job.worker(), this.worker);
		}
		boolean startable = job.state() == JobState.QUEUED || job.state() == JobState.RUNNING;
		if (startable) {
			logger.info("Job {} trains on {}", job.id(), this.worker);
		}
		return startable ? job.started(Instant.now(), this.worker) : job;
	}

	private void train(JobRun run, Job claimed) {
		String id = claimed.id();
		Job job = claimed;
		try {
			Checkpoint checkpoint = checkpointToResume(job);
			if (checkpoint != null) {
				logger.info("Job {} resumes after epoch {}", id, checkpoint.epochsCompleted());
				// normally the history the start already set, and then nothing is written
				job = this.jobs.update(id, (j) -> j.withHistory(checkpoint.history()));
			}
			run.started(Instant.now(), trainingTime(job));
			this.metrics.trainingStarted(id, job.request().model(),
					(checkpoint != null) ? checkpoint.history() : List.of());
			ModelRef ref = this.trainer.train(job, checkpoint, run, listener(job));
			this.jobs.update(id, (j) -> j.succeeded(ref, Instant.now()));
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.jobs.update(id, (j) -> ended(j, run, ex));
		}
	}

	/**
	 * @return the checkpoint a job that finished epochs before it was interrupted resumes
	 * from, {@code null} for a job that starts from its first epoch
	 * @throws JobFailedException ("interrupted") when it has none or it cannot be read
	 */
	private Checkpoint checkpointToResume(Job job) {
		if (job.epochsCompleted() == 0) {
			return null;
		}
		try {
			return this.jobs.checkpoints()
				.load(job.id(), JobTrainer.configOf(job.request()))
				.orElseThrow(() -> new InvalidCheckpointException(job.id() + ".checkpoint is missing"));
		}
		catch (IOException ex) {
			throw new JobFailedException(JobRecovery.INTERRUPTED, ex);
		}
	}

	/** The training time a job already spent: the seconds of its finished epochs. */
	private static Duration trainingTime(Job job) {
		double seconds = job.history().stream().mapToDouble(Job.Epoch::seconds).sum();
		return Duration.ofNanos((long) (seconds * 1e9));
	}

	/**
	 * @return the listener that writes the job's checkpoint, then records its epoch
	 */
	private EpochListener listener(Job job) {
		String id = job.id();
		return new EpochListener() {

			@Override
			public void onCheckpoint(Checkpoint checkpoint) {
				if (!JobExecution.this.resume) {
					return;
				}
				try {
					JobExecution.this.jobs.checkpoints().save(id, job.request().optimizer(), checkpoint);
				}
				catch (IOException | StoreUnavailableException ex) {
					logger.warn("Cannot write the checkpoint of job {} after epoch {}; it would resume from an "
							+ "earlier one", id, checkpoint.epochsCompleted(), ex);
				}
			}

			@Override
			public void onEpoch(EpochResult result, Network network) {
				JobExecution.this.jobs.update(id, (j) -> j.withEpoch(result));
				JobExecution.this.metrics.epochFinished(id, result);
			}

		};
	}

	/**
	 * @return the job after its training stopped with {@code ex}: CANCELLED when a client
	 * cancelled it, QUEUED to resume when the service is shutting down, else FAILED with
	 * a reason fit for clients
	 */
	private Job ended(Job job, JobRun run, Throwable ex) {
		if (ex instanceof TrainingCancelledException && run.stopReason() == JobRun.Stop.LEASE_LOST) {
			logger.warn("Job {} stopped on {}: its lease was not renewed in time, another replica resumes it", job.id(),
					this.worker);
			return job;
		}
		if (ex instanceof TrainingCancelledException && run.stopReason() == JobRun.Stop.SHUTDOWN && this.resume) {
			return job.requeued();
		}
		if (ex instanceof TrainingCancelledException) {
			String failure = run.failureMessage();
			return (failure != null) ? job.failed(failure, Instant.now()) : job.cancelled(Instant.now());
		}
		if (ex instanceof JobFailedException) {
			logger.warn("Job {} failed: {}", job.id(), ex.getMessage(), ex.getCause());
			return job.failed(ex.getMessage(), Instant.now());
		}
		logger.error("Job {} failed", job.id(), ex);
		return job.failed("training failed unexpectedly", Instant.now());
	}

}
