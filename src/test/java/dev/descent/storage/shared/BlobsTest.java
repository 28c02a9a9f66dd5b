package dev.descent.storage.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;

import dev.descent.data.Sha256;
import dev.descent.storage.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link Blobs} against a real S3 API server (S3Proxy).
 */
class BlobsTest {

	private final Blobs blobs = SharedServers.blobs("models");

	@Test
	void aBlobIsStoredWithItsChecksumAndReadBackVerified() throws IOException {
		byte[] content = randomBytes(3_000_000);
		Blobs.Written written = this.blobs.put("a/b.bin", new ByteArrayInputStream(content));
		assertThat(written).isEqualTo(new Blobs.Written(Sha256.hex(content), content.length));
		try (InputStream in = this.blobs.open("a/b.bin", written.sha256())) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(this.blobs.exists("a/b.bin")).isTrue();
		assertThat(this.blobs.exists("a/c.bin")).isFalse();
	}

	@Test
	void aDamagedBlobFailsAtTheEndOfItsStream() throws IOException {
		byte[] content = randomBytes(10_000);
		Blobs.Written written = this.blobs.put("w.bin", (out) -> out.write(content));
		Path file = SharedServers.s3().objectFile(this.blobs.fullKey("w.bin"));
		byte[] stored = Files.readAllBytes(file);
		stored[5000] ^= 1;
		Files.write(file, stored);
		try (InputStream in = this.blobs.open("w.bin", written.sha256())) {
			assertThatExceptionOfType(CorruptBlobException.class).isThrownBy(in::readAllBytes)
				.satisfies((ex) -> assertThat(ex.key()).isEqualTo("w.bin"));
		}
		try (InputStream in = this.blobs.open("w.bin", null)) {
			assertThat(in.readAllBytes()).isEqualTo(stored);
		}
	}

	@Test
	void aWriteWhoseBytesDoNotMatchTheExpectedChecksumStoresNothing() {
		assertThatIOException()
			.isThrownBy(() -> this.blobs.put("x.bin", (out) -> out.write(1), Sha256.hex(new byte[] { 2 })));
		assertThat(this.blobs.exists("x.bin")).isFalse();
	}

	@Test
	void aFailingWriterStoresNothing() {
		assertThatIOException().isThrownBy(() -> this.blobs.put("y.bin", (out) -> {
			out.write(new byte[100]);
			throw new IOException("disk full");
		})).withMessage("disk full");
		assertThat(this.blobs.exists("y.bin")).isFalse();
	}

	@Test
	void blobsAreListedByPrefixAndDeleted() throws IOException {
		this.blobs.put("m/1.bin", (out) -> out.write(1));
		this.blobs.put("m/2.bin", (out) -> out.write(2));
		this.blobs.put("n/1.bin", (out) -> out.write(3));
		assertThat(this.blobs.list("m/")).containsExactly("m/1.bin", "m/2.bin");
		assertThat(this.blobs.entries("n/")).singleElement().satisfies((entry) -> {
			assertThat(entry.size()).isEqualTo(1);
			assertThat(entry.lastModified()).isNotNull();
		});
		this.blobs.delete("m/1.bin");
		this.blobs.delete("m/1.bin");
		assertThat(this.blobs.list("")).containsExactly("m/2.bin", "n/1.bin");
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> this.blobs.open("m/1.bin", null));
	}

	@Test
	void anUnreachableObjectStoreIsUnavailableAndRecovers() throws IOException {
		try (S3ProxyServer own = S3ProxyServer.launch()) {
			Blobs blobs = new Blobs(SharedServers.client(own), own.bucket(), "p", "jobs");
			blobs.put("k", (out) -> out.write(1));
			assertThat(blobs.availability().available()).isTrue();
			own.stop();
			assertThat(blobs.availability().available()).isFalse();
			assertThat(blobs.availability().reason()).doesNotContain("127.0.0.1");
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> blobs.put("k2", (out) -> out.write(1)))
				.satisfies((ex) -> assertThat(ex.store()).isEqualTo("jobs"));
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> blobs.open("k", null));
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> blobs.list(""));
			own.start();
			assertThat(blobs.availability().available()).isTrue();
			assertThat(blobs.list("")).containsExactly("k");
		}
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

}
