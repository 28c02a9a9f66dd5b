package dev.descent.sweeps;

import dev.descent.jobs.JobState;

/**
 * Where a trial is: PENDING until its job is submitted, then its job's state, except that
 * a job the median rule stopped is STOPPED.
 */
public enum TrialState {

	PENDING, QUEUED, RUNNING, SUCCEEDED, STOPPED, FAILED, CANCELLED;

	boolean isActive() {
		return this == QUEUED || this == RUNNING;
	}

	boolean isFinal() {
		return this != PENDING && !isActive();
	}

	static TrialState of(JobState state, boolean stoppedByRule) {
		return switch (state) {
			case QUEUED -> QUEUED;
			case RUNNING -> RUNNING;
			case SUCCEEDED -> SUCCEEDED;
			case FAILED -> FAILED;
			case CANCELLED -> stoppedByRule ? STOPPED : CANCELLED;
		};
	}

}
