package dev.descent.datasets;

/** The name is taken, or the data set is built in or in use. */
public class DatasetConflictException extends RuntimeException {

	private final String name;

	/**
	 * @param name the data set
	 * @param detail why the request conflicts, naming the data set; the message
	 */
	public DatasetConflictException(String name, String detail) {
		super(detail);
		this.name = name;
	}

	/**
	 * @return the data set the request conflicts on
	 */
	public String name() {
		return this.name;
	}

}
