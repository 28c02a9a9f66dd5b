package dev.descent.datasets;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Sha256;
import dev.descent.storage.DurableFiles;

/**
 * Writes a data set's files durably (forced to the device, see {@link DurableFiles}) in
 * MNIST's raw IDX layout.
 */
final class DatasetFiles {

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

	private static String write(Path file, int[] header, byte[] content) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		DurableFiles.write(file, (out) -> {
			DataOutputStream data = new DataOutputStream(
					new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), digest));
			for (int value : header) {
				data.writeInt(value);
			}
			data.write(content);
			data.flush();
		});
		return Sha256.hex(digest);
	}

}
