package dev.descent.jobs;

import java.time.Duration;

/**
 * No job can be accepted now: the queue is full, or the service is shutting down; both
 * say when the client may retry.
 */
public class JobsUnavailableException extends RuntimeException {

	/** Why no job is accepted. */
	public enum Reason {

		/** {@link #queueCapacity()} jobs are already waiting. */
		QUEUE_FULL,

		/** The service is stopping; another instance, or this one restarted, will. */
		SHUTTING_DOWN

	}

	private final Reason reason;

	private final int queueCapacity;

	private final Duration retryAfter;

	private JobsUnavailableException(Reason reason, int queueCapacity, Duration retryAfter, String message) {
		super(message);
		this.reason = reason;
		this.queueCapacity = queueCapacity;
		this.retryAfter = retryAfter;
	}

	static JobsUnavailableException queueFull(int capacity, Duration retryAfter) {
		return new JobsUnavailableException(Reason.QUEUE_FULL, capacity, retryAfter,
				"the job queue is full (" + capacity + " waiting jobs); retry later");
	}

	static JobsUnavailableException shuttingDown(Duration retryAfter) {
		return new JobsUnavailableException(Reason.SHUTTING_DOWN, 0, retryAfter,
				"the service is shutting down and accepts no jobs");
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * @return how many waiting jobs the queue holds; 0 unless {@link Reason#QUEUE_FULL}
	 */
	public int queueCapacity() {
		return this.queueCapacity;
	}

	/**
	 * @return when to retry, at least one second
	 */
	public Duration retryAfter() {
		return (this.retryAfter.toSeconds() < 1) ? Duration.ofSeconds(1) : this.retryAfter;
	}

}
