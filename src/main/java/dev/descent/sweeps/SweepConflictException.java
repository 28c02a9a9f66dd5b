package dev.descent.sweeps;

/** The sweep's state does not allow the request, e.g. cancelling a finished sweep. */
public class SweepConflictException extends RuntimeException {

	private final String id;

	public SweepConflictException(String id, String message) {
		super(message);
		this.id = id;
	}

	public String id() {
		return this.id;
	}

}
