package dev.descent.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a blob's bytes (weights, a checkpoint, a data set file) to the stream a store
 * gives it, so that the store can stream them to a file or an object store without the
 * blob being held whole in memory. The stream is the store's: a writer must not close it.
 * A writer may be called once only.
 */
@FunctionalInterface
public interface BlobWriter {

	void writeTo(OutputStream out) throws IOException;

}
