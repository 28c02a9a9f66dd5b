package dev.descent.oip;

/**
 * A request the protocol's endpoints refuse: its JSON does not describe an inference
 * request, or its tensor does not fit the model. The message names the input, output or
 * field and the problem, e.g. {@code input 'pixels': shape [1,783] has 783 values per
 * image, expected 784}; it becomes the protocol's {@code {"error": ...}} with status 400.
 */
class InvalidInferenceException extends RuntimeException {

	InvalidInferenceException(String message) {
		super(message);
	}

}
