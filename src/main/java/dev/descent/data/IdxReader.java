package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST's IDX files (http://yann.lecun.com/exdb/mnist/): a big-endian header (magic
 * number, then one 32-bit size per dimension) followed by unsigned bytes. Raw and
 * gzip-compressed files are told apart by their content (gzip starts 1f 8b), not by their
 * name. Every check failure is an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

	/** Magic number of an IDX file of unsigned bytes in three dimensions (images). */
	public static final int IMAGES_MAGIC = 0x00000803;

	/** Magic number of an IDX file of unsigned bytes in one dimension (labels). */
	public static final int LABELS_MAGIC = 0x00000801;

	/** The most items a file may declare; a larger count is refused before allocating. */
	public static final int MAX_ITEMS = 1_000_000;

	/** Bytes allocated before any data has arrived, so a lying header costs little. */
	private static final int FIRST_CHUNK = 64 << 20;

	private IdxReader() {
	}

	/**
	 * Reads an image file to its end ({@code in} is consumed, not closed).
	 * @param fileName the name used in error messages
	 * @return {@code n * 784} unsigned pixel bytes, row-major
	 * @throws IdxFormatException when the file is not a complete 28x28 IDX image file
	 */
	public static byte[] readImages(String fileName, InputStream in) throws IOException {
		return readImages(fileName, in, MAX_ITEMS);
	}

	/**
	 * Reads an image file to its end ({@code in} is consumed, not closed), refusing a
	 * header that declares more than {@code maxItems} images before allocating.
	 * @param fileName the name used in error messages
	 * @param maxItems the most images the file may hold, at most {@link #MAX_ITEMS}
	 * @return {@code n * 784} unsigned pixel bytes, row-major
	 * @throws IdxFormatException when the file is not a complete 28x28 IDX image file
	 */
	public static byte[] readImages(String fileName, InputStream in, int maxItems) throws IOException {
		return read(fileName, in, IMAGES_MAGIC, "images", maxItems);
	}

	/**
	 * Reads a label file to its end ({@code in} is consumed, not closed).
	 * @param fileName the name used in error messages
	 * @return {@code n} labels, each 0..9
	 * @throws IdxFormatException when the file is not a complete IDX label file or a
	 * label is out of range
	 */
	public static byte[] readLabels(String fileName, InputStream in) throws IOException {
		return readLabels(fileName, in, MAX_ITEMS);
	}

	/**
	 * Reads a label file to its end ({@code in} is consumed, not closed), refusing a
	 * header that declares more than {@code maxItems} labels before allocating.
	 * @param fileName the name used in error messages
	 * @param maxItems the most labels the file may hold, at most {@link #MAX_ITEMS}
	 * @return {@code n} labels, each 0..9
	 * @throws IdxFormatException when the file is not a complete IDX label file or a
	 * label is out of range
	 */
	public static byte[] readLabels(String fileName, InputStream in, int maxItems) throws IOException {
		byte[] labels = read(fileName, in, LABELS_MAGIC, "labels", maxItems);
		for (int i = 0; i < labels.length; i++) {
			if ((labels[i] & 0xff) >= DataSet.CLASSES) {
				throw new IdxFormatException(fileName, "label " + i + " is " + (labels[i] & 0xff) + ", expected 0-9");
			}
		}
		return labels;
	}

	/**
	 * Reads an image file and its label file (neither is modified).
	 * @param name the data set's name, used in error messages (e.g. "training")
	 * @return the data set
	 * @throws IdxFormatException when either file is malformed or their counts differ
	 */
	public static DataSet read(String name, Path images, Path labels) throws IOException {
		String imagesName = images.getFileName().toString();
		String labelsName = labels.getFileName().toString();
		byte[] pixels;
		try (InputStream in = Files.newInputStream(images)) {
			pixels = readImages(imagesName, in);
		}
		try (InputStream in = Files.newInputStream(labels)) {
			return dataSet(name, imagesName, pixels, labelsName, readLabels(labelsName, in));
		}
	}

	/**
	 * @param name the data set's name, used in error messages (e.g. "training")
	 * @return a data set of images and labels already read, after checking their counts
	 * @throws IdxFormatException naming the labels file when the counts differ
	 */
	public static DataSet dataSet(String name, String imagesName, byte[] images, String labelsName, byte[] labels)
			throws IdxFormatException {
		int count = images.length / DataSet.IMAGE_SIZE;
		if (labels.length != count) {
			throw new IdxFormatException(labelsName,
					name + " labels file has " + labels.length + " entries, images file " + imagesName + " " + count);
		}
		return new DataSet(images, labels);
	}

	/**
	 * @return {@code in}, decompressed when its content starts with the gzip magic
	 */
	public static InputStream decompressIfGzip(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(2);
		int first = buffered.read();
		int second = buffered.read();
		buffered.reset();
		return (first == 0x1f && second == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
	}

	private static byte[] read(String fileName, InputStream in, int magic, String what, int maxItems)
			throws IOException {
		try {
			InputStream data = decompressIfGzip(in);
			long size = readHeader(fileName, data, magic, what, Math.min(maxItems, MAX_ITEMS));
			byte[] content = readFully(fileName, data, size, what);
			if (data.read() != -1) {
				throw new IdxFormatException(fileName,
						"trailing data after the " + (size / itemSize(magic)) + " " + what + " the header declares");
			}
			return content;
		}
		catch (ZipException | EOFException ex) {
			throw new IdxFormatException(fileName, "corrupt or truncated gzip data (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * @return the number of data bytes the header promises
	 */
	private static long readHeader(String fileName, InputStream in, int magic, String what, int maxItems)
			throws IOException {
		int dimensions = (magic == IMAGES_MAGIC) ? 3 : 1;
		byte[] header = in.readNBytes(4 * (1 + dimensions));
		if (header.length == 0) {
			throw new IdxFormatException(fileName, "empty file");
		}
		if (header.length >= 4 && intAt(header, 0) != magic) {
			throw new IdxFormatException(fileName, String.format("wrong magic number 0x%08x, expected 0x%08x (IDX %s)",
					intAt(header, 0), magic, what));
		}
		if (header.length < 4 * (1 + dimensions)) {
			throw new IdxFormatException(fileName, "truncated header: " + header.length + " bytes");
		}
		long count = Integer.toUnsignedLong(intAt(header, 4));
		if (count > maxItems) {
			throw new IdxFormatException(fileName,
					"declares " + count + " " + what + ", more than the " + maxItems + " allowed");
		}
		if (dimensions == 3 && (intAt(header, 8) != DataSet.ROWS || intAt(header, 12) != DataSet.COLUMNS)) {
			throw new IdxFormatException(fileName, "images are " + Integer.toUnsignedLong(intAt(header, 8)) + "x"
					+ Integer.toUnsignedLong(intAt(header, 12)) + ", expected 28x28");
		}
		return count * itemSize(magic);
	}

	private static byte[] readFully(String fileName, InputStream in, long size, String what) throws IOException {
		byte[] content = new byte[(int) Math.min(size, FIRST_CHUNK)];
		int filled = 0;
		while (true) {
			filled += in.readNBytes(content, filled, content.length - filled);
			if (filled < content.length) {
				throw new IdxFormatException(fileName, "truncated: the header declares " + size + " bytes of " + what
						+ " but only " + filled + " follow");
			}
			if (filled == size) {
				return content;
			}
			content = Arrays.copyOf(content, (int) Math.min(size, 2L * content.length));
		}
	}

	private static int itemSize(int magic) {
		return (magic == IMAGES_MAGIC) ? DataSet.IMAGE_SIZE : 1;
	}

	private static int intAt(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
				| (bytes[offset + 3] & 0xff);
	}

}
