package dev.descent.datasets;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import dev.descent.data.Sha256;
import dev.descent.storage.BlobWriter;

/**
 * A validated upload as the {@link DatasetStore} stores it: MNIST's four raw IDX files,
 * each a writer that streams the header and the bytes already in memory (no second copy),
 * and the description with each file's SHA-256.
 *
 * @param description what {@code GET /datasets/{name}} answers
 * @param files a writer for each file, by MNIST's file names
 */
record DatasetFiles(DatasetDescription description, Map<String, BlobWriter> files) {

	static DatasetFiles of(String name, UploadedData data) {
		Map<String, BlobWriter> files = new LinkedHashMap<>();
		files.put(Mnist.TRAIN_IMAGES, images(data.training().pixels()));
		files.put(Mnist.TRAIN_LABELS, labels(data.training().labels()));
		files.put(Mnist.TEST_IMAGES, images(data.test().pixels()));
		files.put(Mnist.TEST_LABELS, labels(data.test().labels()));
		Map<String, String> checksums = new LinkedHashMap<>();
		files.forEach((file, writer) -> checksums.put(file, sha256(writer)));
		DatasetDescription description = new DatasetDescription(name, false,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), data.sourceFormat(), data.training().size(),
				data.test().size(), counts(data.training()), counts(data.test()), checksums);
		return new DatasetFiles(description, files);
	}

	/**
	 * @param pixels {@code n * 784} bytes, not modified
	 * @return a writer of a raw IDX image file
	 */
	static BlobWriter images(byte[] pixels) {
		int count = pixels.length / DataSet.IMAGE_SIZE;
		return idx(new int[] { IdxReader.IMAGES_MAGIC, count, DataSet.ROWS, DataSet.COLUMNS }, pixels);
	}

	/**
	 * @param labels {@code n} bytes, not modified
	 * @return a writer of a raw IDX label file
	 */
	static BlobWriter labels(byte[] labels) {
		return idx(new int[] { IdxReader.LABELS_MAGIC, labels.length }, labels);
	}

	private static BlobWriter idx(int[] header, byte[] content) {
		return (out) -> {
			DataOutputStream data = new DataOutputStream(out);
			for (int value : header) {
				data.writeInt(value);
			}
			data.write(content);
			data.flush();
		};
	}

	private static String sha256(BlobWriter writer) {
		MessageDigest digest = Sha256.newDigest();
		try {
			writer.writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Sha256.hex(digest);
	}

	private static List<Integer> counts(LabelledImages examples) {
		return IntStream.of(examples.classCounts()).boxed().toList();
	}

}
