package dev.descent.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
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
 * rename, and the directory holding the rename is forced too. Directories are published
 * from a {@link #STAGING_PREFIX staging} sibling and deleted through a
 * {@link #TRASH_PREFIX trash} sibling; {@link #removeLeftovers} deletes what a crash left
 * of either.
 */
public final class DurableFiles {

	private static final Log logger = LogFactory.getLog(DurableFiles.class);

	/**
	 * Prefix of the temporary files {@link #replace} writes; a crash may leave one
	 * behind.
	 */
	public static final String TEMP_PREFIX = ".tmp-";

	/**
	 * Prefix of the directories {@link #publishDirectory} writes before renaming them
	 * into place; a crash may leave one behind.
	 */
	public static final String STAGING_PREFIX = ".staging-";

	/**
	 * Prefix of the directories {@link #deleteDirectory} renames a directory to before
	 * deleting it; a crash may leave one behind.
	 */
	public static final String TRASH_PREFIX = ".trash-";

	/** What the data set store named its trash before it shared {@link #TRASH_PREFIX}. */
	private static final String LEGACY_TRASH_PREFIX = ".deleting-";

	private DurableFiles() {
	}

	/** Writes a file's content to a stream it does not close. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/** Writes a directory's files into the (empty) staging directory it is given. */
	@FunctionalInterface
	public interface DirectoryContent<T> {

		/**
		 * @return what the caller of {@link #publishDirectory} answers
		 */
		T writeTo(Path staging) throws IOException;

	}

	/** A step on the file system. */
	@FunctionalInterface
	public interface Step {

		void run() throws IOException;

	}

	/**
	 * Runs the rename that publishes a staged directory, with what must happen just
	 * before it (a check that the name is still free, under the caller's lock).
	 */
	@FunctionalInterface
	public interface Publication {

		/** Renames the staged directory into place and nothing else. */
		Publication MOVE = Step::run;

		/**
		 * @param move renames the staged directory into place; must be run once, or the
		 * publication is abandoned by throwing
		 */
		void publish(Step move) throws IOException;

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

	/**
	 * Publishes the directory {@code target} (which must not exist) atomically: its
	 * content is written into a staging sibling, forced with that directory, renamed to
	 * {@code target} by {@code publication}, and the parent forced. Readers (and a
	 * restart) see all of it or nothing; whatever happens, no staging directory stays
	 * (unless it cannot be deleted, when the next {@link #removeLeftovers} removes it).
	 * @return what {@code content} answered
	 */
	public static <T> T publishDirectory(Path target, DirectoryContent<T> content, Publication publication)
			throws IOException {
		Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path staging = parent.resolve(STAGING_PREFIX + UUID.randomUUID());
		Files.createDirectory(staging);
		try {
			T result = content.writeTo(staging);
			forceDirectory(staging);
			publication.publish(() -> Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE));
			forceDirectory(parent);
			return result;
		}
		finally {
			deleteQuietly(staging);
		}
	}

	/**
	 * Deletes the directory {@code dir}: renamed to a trash sibling atomically (so it is
	 * gone at once, all of it, also after a crash), the parent forced, then the trash
	 * deleted; trash that cannot be deleted is left to the next {@link #removeLeftovers}.
	 */
	public static void deleteDirectory(Path dir) throws IOException {
		Path parent = dir.toAbsolutePath().getParent();
		Path trash = parent.resolve(TRASH_PREFIX + UUID.randomUUID());
		Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
		forceDirectory(parent);
		deleteQuietly(trash);
	}

	/**
	 * @return whether a file name is one that a crash in {@link #publishDirectory},
	 * {@link #deleteDirectory} or {@link #replace} may leave behind
	 */
	public static boolean isLeftover(String fileName) {
		return fileName.startsWith(STAGING_PREFIX) || fileName.startsWith(TRASH_PREFIX)
				|| fileName.startsWith(LEGACY_TRASH_PREFIX) || isTemporary(fileName);
	}

	/**
	 * Deletes (and logs) the {@link #isLeftover leftovers} of interrupted writes and
	 * deletions in {@code dir}; a missing directory has none.
	 */
	public static void removeLeftovers(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return;
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
				(p) -> isLeftover(p.getFileName().toString()))) {
			for (Path leftover : leftovers) {
				logger.warn("Deleting " + leftover + ", left by an interrupted write or deletion");
				deleteRecursively(leftover);
			}
		}
	}

	private static void deleteQuietly(Path dir) {
		try {
			deleteRecursively(dir);
		}
		catch (IOException ex) {
			logger.warn("Cannot delete " + dir + "; it is removed on the next start", ex);
		}
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
