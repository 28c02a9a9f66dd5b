package dev.descent.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a blob from the stream a store opens for it, and answers what it read. The stream
 * is the store's: it is closed by the store after {@link #read} returns.
 *
 * @param <T> what the reader makes of the bytes
 */
@FunctionalInterface
public interface BlobReader<T> {

	T read(InputStream in) throws IOException;

}
