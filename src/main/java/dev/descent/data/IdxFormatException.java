package dev.descent.data;

import java.io.IOException;

/**
 * An IDX file (or a pair of them) that cannot be used: wrong magic number, wrong
 * dimensions, truncated or trailing data, labels out of range, or image and label counts
 * that disagree. The message names the file and the problem.
 */
public class IdxFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String fileName;

	private final String problem;

	/**
	 * @param fileName the file at fault, as the user knows it
	 * @param problem what is wrong with it
	 */
	public IdxFormatException(String fileName, String problem) {
		super(fileName + ": " + problem);
		this.fileName = fileName;
		this.problem = problem;
	}

	/**
	 * @param fileName the file at fault
	 * @param problem what is wrong with it
	 * @param cause the underlying failure, e.g. a corrupt gzip stream
	 */
	public IdxFormatException(String fileName, String problem, Throwable cause) {
		super(fileName + ": " + problem, cause);
		this.fileName = fileName;
		this.problem = problem;
	}

	/**
	 * @return the name of the file at fault
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * @return what is wrong with the file, without its name
	 */
	public String problem() {
		return this.problem;
	}

}
