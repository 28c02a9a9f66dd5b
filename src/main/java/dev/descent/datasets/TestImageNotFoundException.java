package dev.descent.datasets;

/** No MNIST test image has this index. */
public class TestImageNotFoundException extends RuntimeException {

	private final int index;

	private final int size;

	/**
	 * @param index the index asked for
	 * @param size how many images the test set has
	 */
	public TestImageNotFoundException(int index, int size) {
		super("index " + index + " is outside the test set (0.." + (size - 1) + ")");
		this.index = index;
		this.size = size;
	}

	public int index() {
		return this.index;
	}

	/**
	 * @return how many images the test set has
	 */
	public int size() {
		return this.size;
	}

}
