package dev.descent.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory holding the four raw MNIST files: the first source. A file is read only
 * when its SHA-256 matches; one that does not is moved aside so it is never used.
 */
final class MnistDirectory {

	private static final System.Logger LOG = System.getLogger(MnistDirectory.class.getName());

	private final Path path;

	private final Map<String, String> expected;

	private final Map<String, FileTime> verified = new ConcurrentHashMap<>();

	/**
	 * @param path the directory
	 * @param expected SHA-256 of each file, by name
	 */
	MnistDirectory(Path path, Map<String, String> expected) {
		this.path = path;
		this.expected = expected;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Parses and checksums the file in one pass, so what is returned is what was
	 * verified.
	 * @param problems a line is appended when the file is absent or rejected (modified)
	 * @return the file's parsed content, or {@code null} when it is absent or fails its
	 * checksum (it is then moved aside)
	 * @throws IdxFormatException when the file has the expected checksum yet is malformed
	 */
	byte[] readVerified(String file, List<String> problems) throws IOException {
		Path path = this.path.resolve(file);
		ChecksummedIdx.Read read;
		try {
			read = ChecksummedIdx.read(path, file,
					file.contains("-images-") ? IdxReader::readImages : IdxReader::readLabels);
		}
		catch (NoSuchFileException ex) {
			problems.add("directory " + this.path + ": " + file + " absent");
			return null;
		}
		if (!read.matches(this.expected.get(file))) {
			reject(path, VerifiedFiles.mismatch(read.sha256(), this.expected.get(file)), problems);
			return null;
		}
		return read.parsed();
	}

	private void reject(Path path, String why, List<String> problems) throws IOException {
		Path aside = VerifiedFiles.moveAside(path);
		String line = "directory " + this.path + ": " + path.getFileName() + " " + why + ", moved to "
				+ aside.getFileName();
		LOG.log(Level.WARNING, line);
		problems.add(line);
	}

	/**
	 * @return whether the file is present with the expected checksum (computed once per
	 * modification time)
	 */
	boolean isVerified(String file) {
		Path path = this.path.resolve(file);
		try {
			FileTime modified = Files.getLastModifiedTime(path);
			if (modified.equals(this.verified.get(file))) {
				return true;
			}
			boolean ok = Sha256.hex(path).equals(this.expected.get(file));
			if (ok) {
				this.verified.put(file, modified);
			}
			return ok;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
