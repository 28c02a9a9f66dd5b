package dev.descent.models;

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
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * File operations that survive a crash: content is forced to the device before it is
 * published by an atomic rename, and the directory holding the rename is forced too.
 */
final class DurableFiles {

	private static final Log logger = LogFactory.getLog(DurableFiles.class);

	/** Prefix of the temporary files {@link #replace} writes. */
	static final String TEMP_PREFIX = ".tmp-";

	private DurableFiles() {
	}

	/**
	 * Creates {@code file} (which must not exist) with {@code content}, forced to disk.
	 * @param filter wraps the stream the bytes go through (tests use it to fail a write)
	 */
	static void write(Path file, byte[] content, UnaryOperator<OutputStream> filter) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = filter.apply(Channels.newOutputStream(channel));
			out.write(content);
			out.flush();
			channel.force(true);
		}
	}

	/** Replaces {@code file} atomically by {@code content}: temp file, force, rename. */
	static void replace(Path file, byte[] content) throws IOException {
		Path temp = file.resolveSibling(TEMP_PREFIX + file.getFileName() + "-" + UUID.randomUUID());
		try {
			write(temp, content, UnaryOperator.identity());
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			forceDirectory(file.getParent());
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Forces a directory's entries (a rename in it) to disk. */
	static void forceDirectory(Path dir) throws IOException {
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
	static void deleteRecursively(Path root) throws IOException {
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
