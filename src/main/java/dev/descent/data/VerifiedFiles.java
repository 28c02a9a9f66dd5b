package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Puts fetched files in place only once their SHA-256 is right. Each file is written to a
 * temporary file in the target's own directory and then moved over the target atomically,
 * so a reader (or a second JVM fetching at the same time) sees either no file or a
 * complete, verified one.
 */
final class VerifiedFiles {

	private VerifiedFiles() {
	}

	/**
	 * Copies {@code in} (read to its end, not closed) to {@code target} when its SHA-256
	 * is {@code expectedSha256}; otherwise leaves {@code target} untouched.
	 * @throws IOException naming the checksum mismatch or the copy failure
	 */
	static void install(InputStream in, Path target, String expectedSha256) throws IOException {
		Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
		try {
			MessageDigest digest = Sha256.newDigest();
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
				in.transferTo(out);
			}
			String actual = Sha256.hex(digest);
			if (!actual.equals(expectedSha256)) {
				throw new IOException(mismatch(actual, expectedSha256));
			}
			makeReadable(temp);
			move(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Renames a file that failed its check to {@code NAME.rejected} (replacing an older
	 * one), so it is never used again but stays for inspection.
	 * @return where it went
	 */
	static Path moveAside(Path file) throws IOException {
		Path aside = file.resolveSibling(file.getFileName() + ".rejected");
		Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
		return aside;
	}

	static String mismatch(String actual, String expected) {
		return "checksum mismatch: SHA-256 " + actual + ", expected " + expected;
	}

	/**
	 * Temporary files are private to their owner; data files are shared (rw-r--r--).
	 */
	private static void makeReadable(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
	}

	private static void move(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
