package dev.descent.jobs;

/**
 * A request about jobs that cannot be used, naming the field, parameter or header and the
 * problem (e.g. a {@code Last-Event-ID} that is not an epoch number).
 */
public class InvalidJobRequestException extends RuntimeException {

	private final String field;

	private final String problem;

	/**
	 * @param field the field, parameter or header at fault
	 * @param problem what is wrong with it; the message is {@code field + ": " + problem}
	 */
	public InvalidJobRequestException(String field, String problem) {
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
