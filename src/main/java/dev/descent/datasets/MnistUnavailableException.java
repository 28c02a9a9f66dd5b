package dev.descent.datasets;

import java.time.Duration;

/** The MNIST files are not on disk yet; a fetch has been started. */
public class MnistUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	/**
	 * @param retryAfter when the client should ask again
	 */
	public MnistUnavailableException(Duration retryAfter) {
		super("the MNIST test set is being fetched; try again shortly");
		this.retryAfter = retryAfter;
	}

	/**
	 * @return when the client should ask again
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
