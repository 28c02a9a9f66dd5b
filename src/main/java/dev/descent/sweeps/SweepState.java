package dev.descent.sweeps;

/** Where a sweep is: RUNNING, then one of the three final states. */
public enum SweepState {

	RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public boolean isFinal() {
		return this != RUNNING;
	}

}
