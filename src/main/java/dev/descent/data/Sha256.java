package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 sums as lower-case hex, the form used for data set and model checksums.
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * @return the SHA-256 of {@code data} (not modified) as 64 lower-case hex digits
	 */
	public static String hex(byte[] data) {
		return HexFormat.of().formatHex(newDigest().digest(data));
	}

	/**
	 * Reads {@code in} to its end (it is not closed).
	 * @return the SHA-256 of the bytes read, as lower-case hex
	 */
	public static String hex(InputStream in) throws IOException {
		DigestInputStream digesting = new DigestInputStream(in, newDigest());
		digesting.transferTo(OutputStream.nullOutputStream());
		return hex(digesting.getMessageDigest());
	}

	/**
	 * @return the SHA-256 of the file's content, as lower-case hex
	 */
	public static String hex(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return hex(in);
		}
	}

	/**
	 * Completes {@code digest} (which is reset).
	 * @return its value as lower-case hex
	 */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * @return a fresh SHA-256 digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform provides SHA-256", ex);
		}
	}

}
