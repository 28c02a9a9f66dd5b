package dev.descent.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.descent.engine.EpochResult;
import dev.descent.models.ModelRef;

/**
 * One training job as clients and the job store see it; immutable, each change makes a
 * new snapshot.
 *
 * @param id opaque, matches {@code [A-Za-z0-9-]+}
 * @param state where the job is
 * @param request the effective request: every field filled, the seed included
 * @param history one entry per finished epoch
 * @param model the registered version once the job has succeeded, else {@code null}
 * @param error why the job failed, else {@code null}
 * @param createdAt when it was accepted
 * @param startedAt when it started training, {@code null} before
 * @param finishedAt when it reached a final state, {@code null} before
 * @param sweep the sweep this job is a trial of, {@code null} for a job of its own
 * @param worker the replica ({@code descent.instance-id}) that trains or last trained the
 * job, {@code null} before it started
 * @param resumes each time the job went on after its last checkpointed epoch on a
 * replica, oldest first
 */
public record Job(String id, JobState state, JobRequest request, List<Epoch> history, ModelRef model, String error,
		Instant createdAt, Instant startedAt, Instant finishedAt, String sweep, String worker, List<Resume> resumes) {

	public Job {
		history = List.copyOf(history);
		resumes = (resumes != null) ? List.copyOf(resumes) : List.of();
	}

	/** A job as it was before it recorded its worker and resumes. */
	public Job(String id, JobState state, JobRequest request, List<Epoch> history, ModelRef model, String error,
			Instant createdAt, Instant startedAt, Instant finishedAt, String sweep) {
		this(id, state, request, history, model, error, createdAt, startedAt, finishedAt, sweep, null, List.of());
	}

	/**
	 * @return epochs finished so far: one per entry of the history (in the JSON for
	 * clients; ignored when a stored job is read back)
	 */
	@JsonProperty(value = "epochsCompleted", access = JsonProperty.Access.READ_ONLY)
	public int epochsCompleted() {
		return this.history.size();
	}

	static Job queued(String id, JobRequest request, Instant now) {
		return queued(id, request, now, null);
	}

	static Job queued(String id, JobRequest request, Instant now, String sweep) {
		return new Job(id, JobState.QUEUED, request, List.of(), null, null, now, null, null, sweep, null, List.of());
	}

	/**
	 * @return the job training; a resumed job keeps its history and the time it first
	 * started
	 */
	Job started(Instant now) {
		return started(now, this.worker);
	}

	/**
	 * @return the job training on {@code worker}; one that goes on after finished epochs
	 * records the resume
	 */
	Job started(Instant now, String worker) {
		List<Resume> next = this.resumes;
		if (!this.history.isEmpty() || this.state == JobState.RUNNING) {
			next = new ArrayList<>(this.resumes);
			next.add(new Resume(this.history.size(), worker, now, this.state == JobState.RUNNING));
		}
		return new Job(this.id, JobState.RUNNING, this.request, this.history, null, null, this.createdAt,
				(this.startedAt != null) ? this.startedAt : now, null, this.sweep, worker, next);
	}

	/**
	 * @return how many times the job went on on another replica after the one training it
	 * stopped renewing its lease
	 */
	long failovers() {
		return this.resumes.stream().filter(Resume::failover).count();
	}

	/**
	 * @return the job waiting to resume from the checkpoint of its last finished epoch
	 * (or from the start when it finished none)
	 */
	Job requeued() {
		return new Job(this.id, JobState.QUEUED, this.request, this.history, null, null, this.createdAt, this.startedAt,
				null, this.sweep, this.worker, this.resumes);
	}

	/**
	 * @return the job with the history of a checkpoint, which a resumed job goes on from
	 */
	Job withHistory(List<EpochResult> results) {
		List<Epoch> epochs = results.stream().map(Epoch::of).toList();
		return new Job(this.id, this.state, this.request, epochs, this.model, this.error, this.createdAt,
				this.startedAt, this.finishedAt, this.sweep, this.worker, this.resumes);
	}

	Job withEpoch(EpochResult result) {
		List<Epoch> epochs = new ArrayList<>(this.history);
		epochs.add(Epoch.of(result));
		return new Job(this.id, this.state, this.request, epochs, this.model, this.error, this.createdAt,
				this.startedAt, this.finishedAt, this.sweep, this.worker, this.resumes);
	}

	Job succeeded(ModelRef model, Instant now) {
		return new Job(this.id, JobState.SUCCEEDED, this.request, this.history, model, null, this.createdAt,
				this.startedAt, now, this.sweep, this.worker, this.resumes);
	}

	Job failed(String error, Instant now) {
		return new Job(this.id, JobState.FAILED, this.request, this.history, null, error, this.createdAt,
				this.startedAt, now, this.sweep, this.worker, this.resumes);
	}

	Job cancelled(Instant now) {
		return cancelled(now, null);
	}

	/**
	 * @param reason why, recorded as the job's {@code error}; {@code null} for a cancel
	 * asked for by a client
	 */
	Job cancelled(Instant now, String reason) {
		return new Job(this.id, JobState.CANCELLED, this.request, this.history, null, reason, this.createdAt,
				this.startedAt, now, this.sweep, this.worker, this.resumes);
	}

	/**
	 * One resume of a job after its last checkpointed epoch.
	 *
	 * @param afterEpoch the epochs it went on after
	 * @param worker the replica that went on
	 * @param at when it went on
	 * @param failover true when the replica that trained it had stopped renewing its
	 * lease (it died), false when it had stopped and queued the job again (a shutdown)
	 */
	public record Resume(int afterEpoch, String worker, Instant at, boolean failover) {

	}

	/**
	 * One finished epoch.
	 *
	 * @param epoch 1-based
	 * @param cost mean training cost
	 * @param accuracy test accuracy in [0,1]
	 * @param seconds training time of the epoch
	 * @param validationAccuracy accuracy on the held-out validation images in [0,1],
	 * {@code null} without a validation split
	 */
	public record Epoch(int epoch, double cost, double accuracy, double seconds, Double validationAccuracy) {

		static Epoch of(EpochResult result) {
			return new Epoch(result.epoch(), result.cost(), result.accuracy(), result.seconds(),
					result.hasValidation() ? result.validationAccuracy() : null);
		}

	}

}
