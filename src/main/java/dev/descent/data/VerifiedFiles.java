package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import dev.descent.storage.DurableFiles;

/**
 * Puts fetched files in place only once their SHA-256 is right, through the one atomic
 * write ({@link DurableFiles#replace}): each file is written to a temporary file in the
 * target's own directory, forced to disk, and moved over the target atomically, so a
 * reader (or a second JVM fetching at the same time, or a restart after a crash) sees
 * either no file or a complete, verified one.
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
		DurableFiles.replace(target, (out) -> {
			MessageDigest digest = Sha256.newDigest();
			in.transferTo(new DigestOutputStream(out, digest));
			String actual = Sha256.hex(digest);
			if (!actual.equals(expectedSha256)) {
				throw new IOException(mismatch(actual, expectedSha256));
			}
		});
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

}
