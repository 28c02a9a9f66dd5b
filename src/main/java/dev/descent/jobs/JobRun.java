package dev.descent.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The control of one job training on this replica: the reason it must stop, if any. Once
 * a reason is set it never changes, and once the run has begun registering its model it
 * can no longer be stopped. A cancel requested on another replica, or a lease this
 * replica lost, is seen through the queue's {@link JobQueue.Claim} at the next
 * mini-batch.
 */
final class JobRun {

	enum Stop {

		CANCELLED, TIME_LIMIT, SHUTDOWN, REGISTERING,

		/** Another replica may have claimed the job: this one records nothing more. */
		LEASE_LOST

	}

	static final String SHUTTING_DOWN = "interrupted: service shutting down";

	private final String jobId;

	private final Duration timeLimit;

	private final AtomicReference<Stop> stop = new AtomicReference<>();

	private final JobQueue.Claim claim;

	private final BooleanSupplier registeringGate;

	private volatile Instant deadline;

	/**
	 * @param registeringGate asked before the run begins registering: false when a cancel
	 * elsewhere came first
	 */
	JobRun(String jobId, Duration timeLimit, JobQueue.Claim claim, BooleanSupplier registeringGate) {
		this.jobId = jobId;
		this.timeLimit = timeLimit;
		this.claim = claim;
		this.registeringGate = registeringGate;
	}

	String jobId() {
		return this.jobId;
	}

	/**
	 * Starts the time limit's clock; called when training starts or resumes.
	 * @param used training time the job already spent in the epochs it resumes after
	 */
	void started(Instant now, Duration used) {
		if (this.timeLimit != null) {
			this.deadline = now.plus(this.timeLimit).minus(used);
		}
	}

	/**
	 * @return whether the reason was set (false when the run was already stopped or is
	 * registering its model)
	 */
	boolean stop(Stop reason) {
		return this.stop.compareAndSet(null, reason);
	}

	/**
	 * @return the reason the run stopped, {@code null} while it may go on
	 */
	Stop stopReason() {
		return this.stop.get();
	}

	/**
	 * @return the check the trainer makes every mini-batch: true once stopped or past the
	 * deadline
	 */
	BooleanSupplier stopCheck() {
		return () -> {
			Instant limit = this.deadline;
			if (limit != null && Instant.now().isAfter(limit)) {
				stop(Stop.TIME_LIMIT);
			}
			if (this.claim.cancelRequested()) {
				stop(Stop.CANCELLED);
			}
			if (this.claim.leaseLost()) {
				stop(Stop.LEASE_LOST);
			}
			Stop reason = this.stop.get();
			return reason != null && reason != Stop.REGISTERING;
		};
	}

	/**
	 * Ends the time in which the run can be cancelled.
	 * @return false when it was stopped first
	 */
	boolean beginRegistering() {
		if (this.stop.get() != null || this.claim.leaseLost()) {
			return false;
		}
		if (!this.registeringGate.getAsBoolean()) {
			stop(Stop.CANCELLED);
			return false;
		}
		return stop(Stop.REGISTERING);
	}

	/**
	 * @return the error a job stopped for this reason records, {@code null} for a
	 * cancellation
	 */
	String failureMessage() {
		Stop reason = this.stop.get();
		if (reason == Stop.TIME_LIMIT) {
			return "time limit " + this.timeLimit + " exceeded";
		}
		if (reason == Stop.SHUTDOWN) {
			return SHUTTING_DOWN;
		}
		return null;
	}

}
