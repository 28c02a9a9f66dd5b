package dev.descent.onnx;

/**
 * An ONNX file that descent cannot import: not readable as ONNX, or a graph that is not a
 * fully connected network of the shape descent runs. Says which part of the file is at
 * fault and why, e.g. {@code node 3 (Conv)} and
 * {@code is not supported: descent runs fully connected layers}.
 */
public class UnsupportedOnnxModelException extends RuntimeException {

	private final String part;

	private final String problem;

	/**
	 * @param part the part of the file at fault: {@code node 3 (Conv)},
	 * {@code input 'pixels'}, {@code initializer 'fc1.weight'}, {@code the file}...
	 * @param problem what is wrong with it, a phrase that follows the part
	 */
	public UnsupportedOnnxModelException(String part, String problem) {
		super(part + " " + problem);
		this.part = part;
		this.problem = problem;
	}

	/**
	 * @return the part of the file at fault
	 */
	public String part() {
		return this.part;
	}

	/**
	 * @return what is wrong with it
	 */
	public String problem() {
		return this.problem;
	}

}
