package dev.descent.datasets;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.ZipException;

import dev.descent.data.IdxFormatException;
import dev.descent.data.IdxReader;

/**
 * Reads uploaded IDX files, raw or gzip (told apart by content), refusing a file whose
 * header declares more examples than allowed before anything large is allocated.
 */
final class IdxUpload {

	private IdxUpload() {
	}

	/**
	 * @param part the multipart part's name, used in error messages
	 * @return {@code n * 784} pixel bytes
	 * @throws InvalidDatasetException naming the part when the file is unusable
	 */
	static byte[] readImages(String part, InputStream in, int maxExamples) throws IOException {
		try {
			return IdxReader.readImages(part, checkedHeader(part, in, maxExamples, IdxReader.IMAGES_MAGIC, "images"));
		}
		catch (IdxFormatException ex) {
			throw new InvalidDatasetException(part, ex.getMessage());
		}
	}

	/**
	 * @param part the multipart part's name, used in error messages
	 * @return {@code n} labels 0..9
	 * @throws InvalidDatasetException naming the part when the file is unusable
	 */
	static byte[] readLabels(String part, InputStream in, int maxExamples) throws IOException {
		try {
			return IdxReader.readLabels(part, checkedHeader(part, in, maxExamples, IdxReader.LABELS_MAGIC, "labels"));
		}
		catch (IdxFormatException ex) {
			throw new InvalidDatasetException(part, ex.getMessage());
		}
	}

	/**
	 * Checks the magic number here (so that gzip inside gzip is refused rather than
	 * decompressed again) and the declared count; {@link IdxReader} checks the rest.
	 * @return the file's content, decompressed
	 */
	private static InputStream checkedHeader(String part, InputStream in, int maxExamples, int magic, String what)
			throws IOException {
		try {
			InputStream data = IdxReader.decompressIfGzip(in);
			byte[] head = data.readNBytes(8);
			if (head.length >= 4 && intAt(head, 0) != magic) {
				throw new InvalidDatasetException(part, String.format(
						"%s: wrong magic number 0x%08x, expected 0x%08x (IDX %s)", part, intAt(head, 0), magic, what));
			}
			if (head.length == 8 && Integer.toUnsignedLong(intAt(head, 4)) > maxExamples) {
				throw new InvalidDatasetException(part, part + ": declares " + Integer.toUnsignedLong(intAt(head, 4))
						+ " " + what + ", more than the " + maxExamples + " allowed");
			}
			return new SequenceInputStream(new ByteArrayInputStream(head), data);
		}
		catch (ZipException | EOFException ex) {
			throw new InvalidDatasetException(part, part + ": corrupt or truncated gzip data");
		}
	}

	private static int intAt(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
				| (bytes[offset + 3] & 0xff);
	}

}
