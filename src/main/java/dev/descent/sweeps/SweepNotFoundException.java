package dev.descent.sweeps;

/** No sweep has this id. */
public class SweepNotFoundException extends RuntimeException {

	private final String id;

	public SweepNotFoundException(String id) {
		super("no sweep " + id);
		this.id = id;
	}

	public String id() {
		return this.id;
	}

}
