package dev.descent.storage.shared;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.descent.data.Sha256;
import dev.descent.storage.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The pipe between a blob's writer and its upload. */
class BlobPipeTest {

	@Test
	void theUploadReadsEveryByteTheWriterWrote() throws IOException {
		byte[] blob = new byte[5 * BlobPipe.CHUNK_SIZE + 123];
		new Random(1).nextBytes(blob);
		String sha256 = BlobPipe.transfer((out) -> {
			out.write(blob, 0, 7);
			out.write(blob[7]);
			out.write(blob, 8, blob.length - 8);
		}, Sha256::hex);
		assertThat(sha256).isEqualTo(Sha256.hex(blob));
	}

	@Test
	void anEmptyBlobIsUploadedEmpty() throws IOException {
		assertThat(BlobPipe.transfer((out) -> {
		}, InputStream::readAllBytes)).isEmpty();
	}

	@Test
	void aBlobLargerThanThePipeNeverWaitsWholeInIt() throws IOException {
		// the writer may run ahead of the upload by the pipe's few chunks only
		AtomicInteger written = new AtomicInteger();
		int chunks = 64;
		long read = BlobPipe.transfer((out) -> {
			for (int i = 0; i < chunks; i++) {
				out.write(new byte[BlobPipe.CHUNK_SIZE]);
				written.incrementAndGet();
			}
		}, (in) -> {
			long total = 0;
			byte[] buffer = new byte[BlobPipe.CHUNK_SIZE];
			for (int n; (n = in.read(buffer)) != -1;) {
				total += n;
				assertThat((long) written.get() * BlobPipe.CHUNK_SIZE - total)
					.isLessThanOrEqualTo(8L * BlobPipe.CHUNK_SIZE);
			}
			return total;
		});
		assertThat(read).isEqualTo((long) chunks * BlobPipe.CHUNK_SIZE);
	}

	@Test
	void aWriterThatFailsFailsTheUploadAndItsExceptionIsThrown() {
		AtomicInteger uploadOutcome = new AtomicInteger();
		assertThatIOException().isThrownBy(() -> BlobPipe.transfer((out) -> {
			out.write(new byte[3 * BlobPipe.CHUNK_SIZE]);
			throw new IOException("disk full");
		}, (in) -> {
			try {
				in.readAllBytes();
				uploadOutcome.set(1); // a short blob taken for a whole one
			}
			catch (IOException ex) {
				uploadOutcome.set(2);
				throw ex;
			}
			return null;
		})).withMessage("disk full");
		assertThat(uploadOutcome).hasValue(2);
	}

	@Test
	void anUploadThatFailsStopsTheWriterAndItsExceptionIsThrown() {
		AtomicInteger chunksWritten = new AtomicInteger();
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> BlobPipe.transfer((out) -> {
			for (int i = 0; i < 1000; i++) {
				out.write(new byte[BlobPipe.CHUNK_SIZE]);
				chunksWritten.incrementAndGet();
			}
		}, (in) -> {
			in.readNBytes(BlobPipe.CHUNK_SIZE);
			throw new StoreUnavailableException("jobs", "the object store cannot be reached", null);
		})).withMessage("the object store cannot be reached");
		assertThat(chunksWritten.get()).isLessThan(1000);
	}

}
