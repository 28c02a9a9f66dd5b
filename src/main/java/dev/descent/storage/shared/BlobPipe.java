package dev.descent.storage.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.descent.storage.BlobWriter;

/**
 * Joins a {@link BlobWriter}, which pushes a blob's bytes into an output stream, to an
 * upload that pulls them from an input stream ({@link Blobs#put}), through a few 64 KiB
 * chunks: a blob of any size is streamed to the object store and never held whole in
 * memory. The writer runs on the calling thread (so an interrupt of it, a cancelled job,
 * reaches it), the upload on a thread of its own.
 *
 * <p>
 * A writer that fails fails the upload: the upload reads an {@link IOException}, never a
 * short stream that would look like a whole blob. An upload that fails stops the writer,
 * and its exception (a {@code StoreUnavailableException} when the store is down) is the
 * one thrown.
 */
final class BlobPipe {

	/** An upload reading the blob from {@code in}, as {@link Blobs#put} does. */
	@FunctionalInterface
	interface Upload<R> {

		R from(InputStream in) throws IOException;

	}

	static final int CHUNK_SIZE = 64 * 1024;

	private static final int CHUNKS = 4;

	private static final byte[] END = new byte[0];

	private static final byte[] FAILED = new byte[0];

	private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);

	private volatile boolean uploadEnded;

	private BlobPipe() {
	}

	/**
	 * Runs {@code writer} into {@code upload}.
	 * @return what the upload answered, once it has read the writer's last byte
	 * @throws IOException what the writer threw, or what the upload threw
	 */
	static <R> R transfer(BlobWriter writer, Upload<R> upload) throws IOException {
		BlobPipe pipe = new BlobPipe();
		FutureTask<R> uploading = new FutureTask<>(() -> pipe.upload(upload));
		Thread thread = new Thread(uploading, "blob-upload");
		thread.setDaemon(true);
		thread.start();
		Sink sink = pipe.new Sink();
		try {
			writer.writeTo(sink);
			sink.finish();
		}
		catch (UploadEnded ex) {
			result(uploading); // throws the upload's failure
			throw new IOException("the upload stopped before the blob's end");
		}
		catch (IOException | RuntimeException | Error ex) {
			pipe.fail();
			awaitQuietly(uploading);
			throw ex;
		}
		return result(uploading);
	}

	private <R> R upload(Upload<R> upload) throws IOException {
		try {
			return upload.from(new Source());
		}
		finally {
			this.uploadEnded = true;
			this.chunks.clear(); // wakes a writer waiting for room
		}
	}

	/** Tells the upload that the blob will not be whole. */
	private void fail() {
		this.chunks.clear();
		this.chunks.offer(FAILED); // room: only the writer adds, and it is here
	}

	private void hand(byte[] chunk) throws IOException {
		if (this.uploadEnded) {
			throw new UploadEnded();
		}
		try {
			this.chunks.put(chunk);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while streaming a blob");
		}
	}

	private static <R> R result(FutureTask<R> uploading) throws IOException {
		try {
			return uploading.get();
		}
		catch (InterruptedException ex) {
			uploading.cancel(true);
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for a blob's upload");
		}
		catch (ExecutionException ex) {
			throw rethrow(ex.getCause());
		}
	}

	private static IOException rethrow(Throwable cause) {
		if (cause instanceof IOException io) {
			return io;
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IOException(cause);
	}

	private static void awaitQuietly(FutureTask<?> uploading) {
		try {
			uploading.get();
		}
		catch (InterruptedException ex) {
			uploading.cancel(true);
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// the upload failed because the writer did: the writer's exception is thrown
		}
	}

	/** The writer's side: fills a chunk, hands it over when full. */
	private final class Sink extends OutputStream {

		private byte[] chunk = new byte[CHUNK_SIZE];

		private int size;

		private boolean finished;

		@Override
		public void write(int b) throws IOException {
			if (this.size == this.chunk.length) {
				handChunk();
			}
			this.chunk[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, bytes.length);
			while (length > 0) {
				if (this.size == this.chunk.length) {
					handChunk();
				}
				int n = Math.min(length, this.chunk.length - this.size);
				System.arraycopy(bytes, offset, this.chunk, this.size, n);
				this.size += n;
				offset += n;
				length -= n;
			}
		}

		private void handChunk() throws IOException {
			hand(this.chunk);
			this.chunk = new byte[CHUNK_SIZE];
			this.size = 0;
		}

		/** The writer is done: the rest, then the end. */
		void finish() throws IOException {
			if (!this.finished) {
				this.finished = true;
				if (this.size > 0) {
					hand(Arrays.copyOf(this.chunk, this.size));
				}
				hand(END);
			}
		}

		@Override
		public void close() {
			// the stream is the store's: a writer closing it does not end the blob
		}

	}

	/** The upload's side: reads the chunks in turn, up to the end. */
	private final class Source extends InputStream {

		private byte[] chunk;

		private int position;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, bytes.length);
			if (length == 0) {
				return 0;
			}
			if (!next()) {
				return -1;
			}
			int n = Math.min(length, this.chunk.length - this.position);
			System.arraycopy(this.chunk, this.position, bytes, offset, n);
			this.position += n;
			return n;
		}

		/**
		 * @return false at the end; true when {@link #chunk} has bytes left
		 */
		private boolean next() throws IOException {
			while (this.chunk != END && (this.chunk == null || this.position == this.chunk.length)) {
				this.chunk = take();
				this.position = 0;
			}
			return this.chunk != END;
		}

		private byte[] take() throws IOException {
			byte[] taken;
			try {
				taken = BlobPipe.this.chunks.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while reading a blob to upload");
			}
			if (taken == FAILED) {
				throw new IOException("the blob's writer failed before its end");
			}
			return taken;
		}

	}

	/** The upload ended (failed) while the writer was still writing. */
	private static final class UploadEnded extends IOException {

		UploadEnded() {
			super("the upload ended before the blob did");
		}

	}

}
