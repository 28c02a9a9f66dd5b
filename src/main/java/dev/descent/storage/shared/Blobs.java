package dev.descent.storage.shared;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.descent.data.Sha256;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The shared backend's blobs (weights, checkpoints, data set files) in one bucket of an
 * S3-compatible object store, under a prefix. Streams both ways: a blob is spooled to a
 * temporary file while its SHA-256 is computed, then uploaded with its length known; a
 * read streams from the object store and is verified when its end is reached. Never holds
 * a blob in memory.
 *
 * <p>
 * Keys are relative to the prefix. An object store that cannot be reached (refused or
 * timed-out connections, a 5xx answer) throws {@link StoreUnavailableException} naming
 * this instance's store; a missing blob is a {@link NoSuchFileException}.
 */
public final class Blobs {

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final String store;

	/**
	 * What a write stored.
	 *
	 * @param sha256 the SHA-256 of the bytes, lowercase hex
	 * @param size how many bytes
	 */
	public record Written(String sha256, long size) {

	}

	/**
	 * A stored blob, as {@link #entries} lists it.
	 *
	 * @param key relative to the prefix
	 * @param size its size in bytes
	 * @param lastModified when it was written
	 */
	public record Entry(String key, long size, Instant lastModified) {

	}

	/**
	 * @param s3 the client (shared by every store)
	 * @param bucket an existing bucket
	 * @param prefix prepended to every key, empty or ending in {@code /} (added when
	 * missing)
	 * @param store the store named in {@link StoreUnavailableException}: "models",
	 * "jobs", "datasets" or "sweeps"
	 */
	public Blobs(S3Client s3, String bucket, String prefix, String store) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = (prefix.isEmpty() || prefix.endsWith("/")) ? prefix : prefix + "/";
		this.store = store;
	}

	/**
	 * @return blobs in the same bucket and prefix whose failures name {@code store}
	 */
	public Blobs forStore(String store) {
		return new Blobs(this.s3, this.bucket, this.prefix, store);
	}

	/**
	 * Stores {@code content} (read to its end, not closed) under {@code key}, replacing
	 * what was there.
	 */
	public Written put(String key, InputStream content) throws IOException {
		return put(key, (out) -> content.transferTo(out), null);
	}

	/**
	 * Stores what {@code writer} writes under {@code key}, replacing what was there.
	 */
	public Written put(String key, BlobWriter writer) throws IOException {
		return put(key, writer, null);
	}

	/**
	 * Stores what {@code writer} writes under {@code key}, but only when it hashes to
	 * {@code expectedSha256}: otherwise nothing is uploaded.
	 * @param expectedSha256 null to store whatever it hashes to
	 * @throws IOException when the writer fails or the bytes do not hash to
	 * {@code expectedSha256}
	 */
	public Written put(String key, BlobWriter writer, String expectedSha256) throws IOException {
		Path spool = Files.createTempFile("descent-blob-", ".spool");
		try {
			Written written = spool(spool, writer);
			if (expectedSha256 != null && !expectedSha256.equals(written.sha256())) {
				throw new IOException("blob " + key + " has SHA-256 " + written.sha256() + ", not " + expectedSha256);
			}
			call("store a blob",
					() -> this.s3.putObject((b) -> b.bucket(this.bucket)
						.key(fullKey(key))
						.contentLength(written.size())
						.contentType("application/octet-stream"), RequestBody.fromFile(spool)));
			return written;
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	private static Written spool(Path spool, BlobWriter writer) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), digest)) {
			writer.writeTo(out);
		}
		return new Written(Sha256.hex(digest), Files.size(spool));
	}

	/**
	 * Opens a blob for reading. The caller closes the stream.
	 * @param expectedSha256 what the bytes must hash to; null to verify nothing
	 * @return a stream whose last read throws {@link CorruptBlobException} when the bytes
	 * do not hash to {@code expectedSha256}
	 * @throws NoSuchFileException when there is no such blob
	 */
	public InputStream open(String key, String expectedSha256) throws IOException {
		InputStream in = call("read a blob", () -> this.s3.getObject((b) -> b.bucket(this.bucket).key(fullKey(key)),
				ResponseTransformer.toInputStream()), key);
		return new VerifyingInputStream(in, key, expectedSha256);
	}

	public boolean exists(String key) {
		try {
			call("look for a blob", () -> this.s3.headObject((b) -> b.bucket(this.bucket).key(fullKey(key))), key);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new StoreUnavailableException(this.store, "the object store cannot be read", ex);
		}
	}

	/** Deletes a blob; deleting one that does not exist does nothing. */
	public void delete(String key) throws IOException {
		call("delete a blob", () -> this.s3.deleteObject((b) -> b.bucket(this.bucket).key(fullKey(key))));
	}

	/**
	 * @return the keys (relative to the prefix) that start with {@code keyPrefix}, in
	 * lexicographic order
	 */
	public List<String> list(String keyPrefix) throws IOException {
		return entries(keyPrefix).stream().map(Entry::key).toList();
	}

	/**
	 * @return the blobs whose keys (relative to the prefix) start with {@code keyPrefix},
	 * in lexicographic order of keys
	 */
	public List<Entry> entries(String keyPrefix) throws IOException {
		List<Entry> entries = new ArrayList<>();
		ListObjectsV2Request request = ListObjectsV2Request.builder()
			.bucket(this.bucket)
			.prefix(fullKey(keyPrefix))
			.build();
		call("list blobs", () -> {
			for (S3Object object : this.s3.listObjectsV2Paginator(request).contents()) {
				if (object.key().endsWith("/")) {
					// a folder marker: S3Proxy's filesystem backend lists its directories
					continue;
				}
				entries
					.add(new Entry(object.key().substring(this.prefix.length()), object.size(), object.lastModified()));
			}
			return null;
		});
		return entries;
	}

	/**
	 * @return UP when the bucket answers within a few seconds; the reason never names the
	 * endpoint or the bucket
	 */
	public StoreAvailability availability() {
		try {
			this.s3.headBucket((b) -> b.bucket(this.bucket)
				.overrideConfiguration(
						AwsRequestOverrideConfiguration.builder().apiCallTimeout(PROBE_TIMEOUT).build()));
			return StoreAvailability.up();
		}
		catch (S3Exception ex) {
			return StoreAvailability.down("the object store refuses the bucket (status " + ex.statusCode() + ")");
		}
		catch (RuntimeException ex) {
			return StoreAvailability.down("the object store cannot be reached");
		}
	}

	/**
	 * @return the object's key in the bucket: {@code key} with the prefix
	 */
	public String fullKey(String key) {
		return this.prefix + key;
	}

	private <T> T call(String what, S3Call<T> call) throws IOException {
		return call(what, call, null);
	}

	/**
	 * Runs one call to the object store, turning its failures into this class's: a
	 * missing key into {@link NoSuchFileException}, an unreachable or failing server into
	 * {@link StoreUnavailableException}, any other refusal into an {@link IOException}.
	 */
	private <T> T call(String what, S3Call<T> call, String key) throws IOException {
		try {
			return call.run();
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(key, null, "no such blob");
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404 && key != null) {
				throw new NoSuchFileException(key, null, "no such blob");
			}
			if (ex.statusCode() >= 500 || ex.statusCode() == 429) {
				throw new StoreUnavailableException(this.store, "the object store cannot " + what + " now", ex);
			}
			throw new IOException("the object store refused to " + what + " (status " + ex.statusCode() + ")", ex);
		}
		catch (SdkClientException ex) {
			throw new StoreUnavailableException(this.store, "the object store cannot be reached", ex);
		}
	}

	@FunctionalInterface
	private interface S3Call<T> {

		T run();

	}

	/**
	 * Hashes what is read and compares at the end; turns a broken connection into
	 * {@link StoreUnavailableException}, so that an outage is never taken for a damaged
	 * blob.
	 */
	private final class VerifyingInputStream extends FilterInputStream {

		private final String key;

		private final String expected;

		private final MessageDigest digest = Sha256.newDigest();

		private boolean verified;

		VerifyingInputStream(InputStream in, String key, String expected) {
			super(in);
			this.key = key;
			this.expected = expected;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n == -1) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n;
			try {
				n = this.in.read(b, off, len);
			}
			catch (IOException ex) {
				throw new StoreUnavailableException(Blobs.this.store, "the object store stopped sending a blob", ex);
			}
			if (n > 0) {
				this.digest.update(b, off, n);
			}
			else if (n == -1) {
				verify();
			}
			return n;
		}

		/** Reads what is skipped, so that it is hashed too. */
		@Override
		public long skip(long n) throws IOException {
			byte[] buffer = new byte[8192];
			long skipped = 0;
			while (skipped < n) {
				int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
				if (read == -1) {
					break;
				}
				skipped += read;
			}
			return skipped;
		}

		private void verify() throws CorruptBlobException {
			if (this.verified || this.expected == null) {
				return;
			}
			this.verified = true;
			String actual = Sha256.hex(this.digest);
			if (!actual.equals(this.expected)) {
				throw new CorruptBlobException(this.key, this.expected, actual);
			}
		}

		@Override
		public boolean markSupported() {
			return false;
		}

	}

}
