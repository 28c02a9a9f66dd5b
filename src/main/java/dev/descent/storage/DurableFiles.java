package dev.descent.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * File operations that survive a crash, shared by the job store, the model repository and
 * the data set store: content is forced to the device before it is published by an atomic
 * rename, and the directory holding the rename is forced too.
 */
public final class DurableFiles {

	private static final Log logger = LogFactory.getLog(DurableFiles.class);

	/**
	 * Prefix of the temporary files {@link #replace} writes; a crash may leave one
	 * behind.
	 */
	public static final String TEMP_PREFIX = ".tmp-";

	private DurableFiles() {
	}

	/** Writes a file's content to a stream it does not close. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * Creates {@code file} (which must not exist) with {@code content}, forced to disk.
	 */
	public static void write(Path file, Content content) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = Channels.newOutputStream(channel);
			content.writeTo(out);
			out.flush();
			channel.force(true);
		}
	}

	/**
	 * Creates {@code file} (which must not exist) holding {@code content}, forced to
	 * disk.
	 */
	public static void write(Path file, byte[] content) throws IOException {
		write(file, (out) -> out.write(content));
	}

	/**
	 * Replaces {@code file} atomically: a temporary file, forced, renamed over it, the
	 * directory forced. When {@code content} throws, {@code file} is unchanged and no
	 * temporary file stays.
	 */
	public static void replace(Path file, Content content) throws IOException {
		Path temp = file.resolveSibling(TEMP_PREFIX + file.getFileName() + "-" + UUID.randomUUID());
		try {
			write(temp, content);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			forceDirectory(file.toAbsolutePath().getParent());
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Replaces {@code file} atomically by {@code content}. */
	public static void replace(Path file, byte[] content) throws IOException {
		replace(file, (out) -> out.write(content));
	}

	/**
	 * @return whether a file name is one of {@link #replace}'s temporary files
	 */
	public static boolean isTemporary(String fileName) {
		return fileName.startsWith(TEMP_PREFIX);
	}

	/** Forces a directory's entries (a rename in it) to disk. */
	public static void forceDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			if (Files.isDirectory(dir)) {
				// some platforms (Windows) cannot open a directory; the rename is still
				// atomic
				logger.debug("Cannot force directory " + dir, ex);
				return;
			}
			throw ex;
		}
	}

	/** Deletes a directory tree; a missing one is fine. */
	public static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

}
