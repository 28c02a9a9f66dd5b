package dev.descent.jobs;

/** Where a job is in its life: QUEUED → RUNNING → one of the three final states. */
public enum JobState {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	/**
	 * @return whether the job has ended and will never change again
	 */
	public boolean isFinal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}
