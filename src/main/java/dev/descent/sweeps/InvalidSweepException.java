package dev.descent.sweeps;

/**
 * A sweep request that cannot run; {@code field} names the place, e.g.
 * {@code space.learningRate.min}.
 */
public class InvalidSweepException extends RuntimeException {

	private final String field;

	private final String problem;

	public InvalidSweepException(String field, String problem) {
		super(field + ": " + problem);
		this.field = field;
		this.problem = problem;
	}

	public String field() {
		return this.field;
	}

	public String problem() {
		return this.problem;
	}

}
