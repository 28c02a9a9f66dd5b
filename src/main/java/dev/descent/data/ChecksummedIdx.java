package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Reads a stored IDX file and computes its SHA-256 in one pass over the file, so the file
 * is held in memory once (as parsed content) and what is returned is exactly what was
 * hashed. The caller compares {@link Read#sha256()} with the checksum it trusts before
 * using {@link Read#parsed()}.
 */
public final class ChecksummedIdx {

	private ChecksummedIdx() {
	}

	/**
	 * Parses and checksums {@code file}; a malformed file is still read to its end so its
	 * checksum is known (a corrupt file then reports its checksum, not its format).
	 * @param fileName the name used in error messages
	 * @param parser {@link IdxReader#readImages(String, InputStream)} or
	 * {@link IdxReader#readLabels(String, InputStream)}
	 * @throws java.nio.file.NoSuchFileException when the file is absent
	 * @throws IOException when it cannot be read
	 */
	public static Read read(Path file, String fileName, Parser parser) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in, fileName, parser);
		}
	}

	/**
	 * Parses and checksums what {@code stored} holds, read to its end (not closed), as
	 * {@link #read(Path, String, Parser)} does a file.
	 */
	public static Read read(InputStream stored, String fileName, Parser parser) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		byte[] content = null;
		IdxFormatException malformed = null;
		InputStream in = new DigestInputStream(stored, digest);
		try {
			content = parser.parse(fileName, in);
		}
		catch (IdxFormatException ex) {
			malformed = ex;
		}
		in.transferTo(OutputStream.nullOutputStream());
		return new Read(fileName, Sha256.hex(digest), content, malformed);
	}

	/**
	 * Parses an IDX file's content, e.g.
	 * {@link IdxReader#readImages(String, InputStream)}.
	 */
	@FunctionalInterface
	public interface Parser {

		/**
		 * @return the parsed content
		 * @throws IdxFormatException when the content is malformed
		 */
		byte[] parse(String fileName, InputStream in) throws IOException;

	}

	/**
	 * A file read and hashed.
	 *
	 * @param fileName the name used in error messages
	 * @param sha256 the SHA-256 of every byte of the file, lower-case hex
	 * @param content the parsed content, {@code null} when malformed
	 * @param malformed why the content could not be parsed, {@code null} when it could
	 */
	public record Read(String fileName, String sha256, byte[] content, IdxFormatException malformed) {

		/**
		 * @return whether the file's checksum is {@code expectedSha256}
		 */
		public boolean matches(String expectedSha256) {
			return this.sha256.equals(expectedSha256);
		}

		/**
		 * Call only once the checksum matches.
		 * @return the parsed content
		 * @throws IdxFormatException when the file, though it has the expected checksum,
		 * is malformed
		 */
		public byte[] parsed() throws IdxFormatException {
			if (this.malformed != null) {
				throw this.malformed;
			}
			return this.content;
		}

	}

}
