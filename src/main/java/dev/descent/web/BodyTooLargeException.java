package dev.descent.web;

import java.io.IOException;

/**
 * A request body of unknown length went past {@code descent.limits.max-body-size} while
 * being read. Whatever wraps it (Jackson, the message converters),
 * {@link BodyTooLargeResolver} finds it in the cause chain and answers 413.
 */
final class BodyTooLargeException extends IOException {

	private final long maxBytes;

	BodyTooLargeException(long maxBytes) {
		super("request body larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	long maxBytes() {
		return this.maxBytes;
	}

}
