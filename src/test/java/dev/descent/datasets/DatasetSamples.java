package dev.descent.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.MnistSample;

import org.springframework.mock.web.MockMultipartFile;

/**
 * Small real uploads built from the committed MNIST sample: 300 training and 100 test
 * images, as raw IDX, gzip IDX and CSV bytes.
 */
public final class DatasetSamples {

	public static final int TRAIN = 300;

	public static final int TEST = 100;

	private DatasetSamples() {
	}

	/** A validated upload of {@link #TRAIN} training and {@link #TEST} test examples. */
	static UploadedData upload() {
		DataSet train = training();
		DataSet test = test();
		return new UploadedData("idx", new LabelledImages(pixels(train, TRAIN), labels(train, TRAIN)),
				new LabelledImages(pixels(test, TEST), labels(test, TEST)));
	}

	public static DataSet training() {
		return MnistSample.training().first(TRAIN);
	}

	public static DataSet test() {
		return MnistSample.test().first(TEST);
	}

	/**
	 * @return the first {@code n} examples' pixels, row-major
	 */
	static byte[] pixels(DataSet set, int n) {
		byte[] pixels = new byte[n * DataSet.IMAGE_SIZE];
		for (int i = 0; i < n; i++) {
			set.rawImage(i, pixels, i * DataSet.IMAGE_SIZE);
		}
		return pixels;
	}

	/**
	 * @return the first {@code n} examples' labels
	 */
	static byte[] labels(DataSet set, int n) {
		byte[] labels = new byte[n];
		for (int i = 0; i < n; i++) {
			labels[i] = (byte) set.label(i);
		}
		return labels;
	}

	static byte[] idxImages(DataSet set, int n) {
		return idx(new int[] { IdxReader.IMAGES_MAGIC, n, 28, 28 }, pixels(set, n));
	}

	static byte[] idxLabels(DataSet set, int n) {
		return idx(new int[] { IdxReader.LABELS_MAGIC, n }, labels(set, n));
	}

	static byte[] idx(int[] header, byte[] content) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			for (int value : header) {
				out.writeInt(value);
			}
			out.write(content);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] gzip(byte[] content) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
				out.write(content);
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return "label,pixel0,...,pixel783" CSV of the first {@code n} examples
	 */
	public static String csv(DataSet set, int n, boolean header) {
		StringBuilder csv = new StringBuilder();
		if (header) {
			csv.append("label");
			for (int p = 0; p < DataSet.IMAGE_SIZE; p++) {
				csv.append(",pixel").append(p);
			}
			csv.append('\n');
		}
		byte[] pixels = new byte[DataSet.IMAGE_SIZE];
		for (int i = 0; i < n; i++) {
			csv.append(set.label(i));
			set.rawImage(i, pixels, 0);
			for (byte pixel : pixels) {
				csv.append(',').append(pixel & 0xff);
			}
			csv.append('\n');
		}
		return csv.toString();
	}

	static MockMultipartFile part(String name, byte[] content) {
		return new MockMultipartFile(name, name + ".bin", "application/octet-stream", content);
	}

	static MockMultipartFile part(String name, String content) {
		return new MockMultipartFile(name, name + ".csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @return the four IDX parts, raw or gzip
	 */
	static MockMultipartFile[] idxParts(boolean gzip) {
		byte[][] files = { idxImages(training(), TRAIN), idxLabels(training(), TRAIN), idxImages(test(), TEST),
				idxLabels(test(), TEST) };
		MockMultipartFile[] parts = new MockMultipartFile[4];
		for (int i = 0; i < 4; i++) {
			parts[i] = part(DatasetUpload.IDX_PARTS.get(i), gzip ? gzip(files[i]) : files[i]);
		}
		return parts;
	}

	/**
	 * @return the two CSV parts, the training file with a header row
	 */
	static MockMultipartFile[] csvParts() {
		return new MockMultipartFile[] { part("train", csv(training(), TRAIN, true)),
				part("test", csv(test(), TEST, false)) };
	}

}
