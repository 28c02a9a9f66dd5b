package dev.descent.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers, and the file system after a crash, see either the old
 * content or the new, never a part: write a temporary file in the same directory, flush
 * it to disk, move it over the target atomically, then flush the directory.
 */
final class AtomicFiles {

	/** Suffix of temporary files; a crash may leave one behind, readers skip them. */
	static final String TEMP_SUFFIX = ".tmp";

	private AtomicFiles() {
	}

	/**
	 * @param target the file to create or replace
	 * @param content writes the new content; when it throws, the target is unchanged and
	 * the temporary file is deleted
	 */
	static void write(Path target, ContentWriter content) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				OutputStream out = Channels.newOutputStream(channel);
				content.writeTo(out);
				out.flush();
				channel.force(true);
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
		syncDirectory(dir);
	}

	/**
	 * Makes the rename durable; not every platform can open a directory, so best effort.
	 */
	private static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Windows cannot open directories; the rename is still atomic
		}
	}

	@FunctionalInterface
	interface ContentWriter {

		void writeTo(OutputStream out) throws IOException;

	}

}
