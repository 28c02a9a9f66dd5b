package dev.descent.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdxReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsRawAndGzipImagesAlike() throws IOException {
		byte[] file = images(3);
		byte[] raw = IdxReader.readImages("a", new ByteArrayInputStream(file));
		byte[] gz = IdxReader.readImages("a.bin", new ByteArrayInputStream(gzip(file)));
		assertThat(raw).hasSize(3 * 784).isEqualTo(Arrays.copyOfRange(file, 16, file.length));
		assertThat(gz).isEqualTo(raw);
	}

	@Test
	void readsRawAndGzipLabelsAlike() throws IOException {
		byte[] file = labels(0, 9, 4);
		assertThat(IdxReader.readLabels("l", new ByteArrayInputStream(file))).containsExactly(0, 9, 4);
		assertThat(IdxReader.readLabels("l", new ByteArrayInputStream(gzip(file)))).containsExactly(0, 9, 4);
	}

	@Test
	void readsADataSetFromFilesWhateverTheirNames() throws IOException {
		Path images = Files.write(this.dir.resolve("images.raw"), gzip(images(2)));
		Path labels = Files.write(this.dir.resolve("labels.gz"), labels(7, 1));
		DataSet set = IdxReader.read("test", images, labels);
		assertThat(set.size()).isEqualTo(2);
		assertThat(set.label(0)).isEqualTo(7);
		assertThat(set.rawPixel(1, 5)).isEqualTo(images(2)[16 + 784 + 5] & 0xff);
	}

	@Test
	void readsTheCommittedSample() {
		assertThat(MnistSample.training().size()).isEqualTo(2000);
		assertThat(MnistSample.test().size()).isEqualTo(500);
		assertThat(MnistSample.training().label(0)).isEqualTo(5);
		assertThat(MnistSample.test().label(0)).isEqualTo(7);
		int[] counts = MnistSample.training().classCounts();
		assertThat(Arrays.stream(counts).sum()).isEqualTo(2000);
		assertThat(Arrays.stream(counts).min().getAsInt()).isGreaterThan(150);
	}

	@Test
	void rejectsMismatchedImageAndLabelCounts() throws IOException {
		Path images = Files.write(this.dir.resolve("train-images"), images(3));
		Path labels = Files.write(this.dir.resolve("train-labels"), labels(1, 2));
		assertThatExceptionOfType(IdxFormatException.class).isThrownBy(() -> IdxReader.read("training", images, labels))
			.withMessage("train-labels: training labels file has 2 entries, images file train-images 3")
			.satisfies((ex) -> assertThat(ex.fileName()).isEqualTo("train-labels"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badImageFiles")
	void rejectsBadImageFiles(String problem, byte[] content, String message) {
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readImages("img.idx", new ByteArrayInputStream(content)))
			.withMessageStartingWith("img.idx: ")
			.withMessageContaining(message);
	}

	static Stream<Arguments> badImageFiles() throws IOException {
		byte[] good = images(3);
		byte[] gz = gzip(good);
		return Stream.of(Arguments.of("empty file", new byte[0], "empty file"),
				Arguments.of("empty gzip", gzip(new byte[0]), "empty file"),
				Arguments.of("wrong magic", labels(1, 2, 3), "wrong magic number 0x00000801, expected 0x00000803"),
				Arguments.of("truncated header", Arrays.copyOf(good, 10), "truncated header: 10 bytes"),
				Arguments.of("truncated data", Arrays.copyOf(good, good.length - 1),
						"truncated: the header declares 2352 bytes of images but only 2351 follow"),
				Arguments.of("truncated gzip", Arrays.copyOf(gz, gz.length - 20), "corrupt or truncated gzip data"),
				Arguments.of("trailing data", Arrays.copyOf(good, good.length + 1), "trailing data after the 3 images"),
				Arguments.of("wrong rows", header(0x803, 1, 27, 28), "images are 27x28, expected 28x28"),
				Arguments.of("wrong columns", header(0x803, 1, 28, 29), "images are 28x29, expected 28x28"),
				Arguments.of("hostile count", header(0x803, -1, 28, 28), "declares 4294967295 images, more than"),
				Arguments.of("count at the cap", header(0x803, IdxReader.MAX_ITEMS, 28, 28), "truncated"));
	}

	@Test
	void refusesMoreItemsThanTheCallerAllowsBeforeReadingThem() throws IOException {
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readImages("up", new ByteArrayInputStream(images(3)), 2))
			.withMessage("up: declares 3 images, more than the 2 allowed");
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readLabels("up", new ByteArrayInputStream(gzip(labels(1, 2, 3))), 2))
			.withMessage("up: declares 3 labels, more than the 2 allowed");
		assertThat(IdxReader.readLabels("up", new ByteArrayInputStream(labels(1, 2)), 2)).containsExactly(1, 2);
	}

	@Test
	void refusesImagesAndLabelsWhoseCountsDifferNamingTheLabelsFile() {
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.dataSet("training", "imgs", new byte[2 * 784], "lbls", new byte[3]))
			.withMessage("lbls: training labels file has 3 entries, images file imgs 2")
			.satisfies((ex) -> assertThat(ex.fileName()).isEqualTo("lbls"));
	}

	@Test
	void rejectsALabelOutOfRange() {
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readLabels("lbl", new ByteArrayInputStream(labels(3, 10))))
			.withMessage("lbl: label 1 is 10, expected 0-9");
	}

	@Test
	void rejectsALabelFileWithImageMagicOrMissingData() {
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readLabels("lbl", new ByteArrayInputStream(images(1))))
			.withMessageContaining("lbl: wrong magic number 0x00000803, expected 0x00000801");
		assertThatExceptionOfType(IdxFormatException.class)
			.isThrownBy(() -> IdxReader.readLabels("lbl", new ByteArrayInputStream(header(0x801, 5))))
			.withMessage("lbl: truncated: the header declares 5 bytes of labels but only 0 follow");
	}

	static byte[] images(int count) {
		byte[] file = header(0x803, count, 28, 28);
		file = Arrays.copyOf(file, 16 + count * 784);
		for (int i = 16; i < file.length; i++) {
			file[i] = (byte) (i * 31);
		}
		return file;
	}

	static byte[] labels(int... values) {
		byte[] file = Arrays.copyOf(header(0x801, values.length), 8 + values.length);
		for (int i = 0; i < values.length; i++) {
			file[8 + i] = (byte) values[i];
		}
		return file;
	}

	static byte[] header(int... ints) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * ints.length);
		Arrays.stream(ints).forEach(buffer::putInt);
		return buffer.array();
	}

	static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		return out.toByteArray();
	}

}
