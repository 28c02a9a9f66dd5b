package dev.descent.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The control of one queued or running job: the task the executor runs, and the reason it
 * must stop, if any. Once a reason is set it never changes, and once the run has begun
 * registering its model it can no longer be stopped.
 */
final class JobRun implements Runnable {

	enum Stop {

		CANCELLED, TIME_LIMIT, SHUTDOWN, REGISTERING

	}

	static final String SHUTTING_DOWN = "interrupted: service shutting down";

	private final String jobId;

	private final Duration timeLimit;

	private final AtomicReference<Stop> stop = new AtomicReference<>();

	private final Consumer<JobRun> body;

	private volatile Instant deadline;

	JobRun(String jobId, Duration timeLimit, Consumer<JobRun> body) {
		this.jobId = jobId;
		this.timeLimit = timeLimit;
		this.body = body;
	}

	String jobId() {
		return this.jobId;
	}

	@Override
	public void run() {
		this.body.accept(this);
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
			Stop reason = this.stop.get();
			return reason != null && reason != Stop.REGISTERING;
		};
	}

	/**
	 * Ends the time in which the run can be cancelled.
	 * @return false when it was stopped first
	 */
	boolean beginRegistering() {
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
