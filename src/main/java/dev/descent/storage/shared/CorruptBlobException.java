package dev.descent.storage.shared;

import java.io.IOException;

/**
 * A blob's bytes do not hash to the SHA-256 recorded for them: it was damaged after it
 * was written. Thrown by the stream {@link Blobs#open} gives, when its end is reached.
 */
public class CorruptBlobException extends IOException {

	private final String key;

	/**
	 * @param key the blob's key, relative to the store's prefix
	 * @param expected the SHA-256 recorded for it
	 * @param actual the SHA-256 of what was read
	 */
	public CorruptBlobException(String key, String expected, String actual) {
		super("blob " + key + " has SHA-256 " + actual + ", not " + expected);
		this.key = key;
	}

	/**
	 * @return the blob's key, relative to the store's prefix
	 */
	public String key() {
		return this.key;
	}

}
