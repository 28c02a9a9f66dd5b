package dev.descent.datasets;

/** No data set has this name. */
public class DatasetNotFoundException extends RuntimeException {

	private final String name;

	/**
	 * @param name the name asked for (echoed in the message only in printable form)
	 */
	public DatasetNotFoundException(String name) {
		super("data set '" + DatasetNames.printable(name) + "' does not exist");
		this.name = name;
	}

	/**
	 * @return the name asked for, as given
	 */
	public String name() {
		return this.name;
	}

}
