package dev.descent.datasets;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Sha256;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes a data set's files durably (forced to the device) in MNIST's raw IDX layout, and
 * the directory operations the store needs.
 */
final class DatasetFiles {

	private static final Log logger = LogFactory.getLog(DatasetFiles.class);

	private DatasetFiles() {
	}

	/**
	 * Creates {@code file} (which must not exist) as a raw IDX image file, forced to
	 * disk.
	 * @param pixels {@code n * 784} bytes, not modified
	 * @return the file's SHA-256
	 */
	static String writeImages(Path file, byte[] pixels) throws IOException {
		int count = pixels.length / DataSet.IMAGE_SIZE;
		return write(file, new int[] { IdxReader.IMAGES_MAGIC, count, DataSet.ROWS, DataSet.COLUMNS }, pixels);
	}

	/**
	 * Creates {@code file} (which must not exist) as a raw IDX label file, forced to
	 * disk.
	 * @param labels {@code n} bytes, not modified
	 * @return the file's SHA-256
	 */
	static String writeLabels(Path file, byte[] labels) throws IOException {
		return write(file, new int[] { IdxReader.LABELS_MAGIC, labels.length }, labels);
	}

	/**
	 * Creates {@code file} (which must not exist) with {@code content}, forced to disk.
	 */
	static void write(Path file, byte[] content) throws IOException {
		write(file, new int[0], content);
	}

	private static String write(Path file, int[] header, byte[] content) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
			DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, digest));
			for (int value : header) {
				data.writeInt(value);
			}
			data.write(content);
			data.flush();
			channel.force(true);
		}
		return Sha256.hex(digest);
	}

	/** Forces a directory's entries (a rename in it) to disk. */
	static void forceDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			if (!Files.isDirectory(dir)) {
				throw ex;
			}
			// some platforms (Windows) cannot open a directory; the rename is still
			// atomic
			logger.debug("Cannot force directory " + dir, ex);
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
