package dev.descent.datasets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.descent.data.DataSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvReaderTest {

	@Test
	void readsRealExamplesWithHeaderExactly() throws IOException {
		DataSet sample = DatasetSamples.training();
		LabelledImages read = read(DatasetSamples.csv(sample, 20, true));
		assertThat(read.size()).isEqualTo(20);
		assertThat(read.labels()).isEqualTo(DatasetSamples.labels(sample, 20));
		assertThat(read.pixels()).isEqualTo(DatasetSamples.pixels(sample, 20));
	}

	@Test
	void headerIsOptional() throws IOException {
		DataSet sample = DatasetSamples.test();
		assertThat(read(DatasetSamples.csv(sample, 5, false)).labels()).isEqualTo(DatasetSamples.labels(sample, 5));
	}

	@Test
	void acceptsCrLfByteOrderMarkBlankLinesSpacesAndGzip() throws IOException {
		String csv = "\uFEFF" + header() + "\r\n\r\n" + row(" 7 ", 3, " 12") + "\r\n" + row("1", 0, "0") + "\r\n\r\n";
		byte[] gzipped = DatasetSamples.gzip(csv.getBytes(StandardCharsets.UTF_8));
		LabelledImages read = CsvReader.read("train", new ByteArrayInputStream(gzipped), 10);
		assertThat(read.labels()).containsExactly(7, 1);
		assertThat(read.pixels()[3]).isEqualTo((byte) 12);
	}

	@Test
	void wrongColumnCountNamesFileAndRow() {
		String csv = header() + "\n" + row("5", 0, "0") + "\n" + row("5", 0, "0").substring(2) + "\n";
		assertInvalid(csv, "train: row 3: 785 columns expected (label first), got 784");
	}

	@Test
	void pixelOutOfRangeNamesRowAndColumn() {
		String csv = row("5", 0, "0") + "\n" + row("3", 15, "300") + "\n";
		assertInvalid(csv, "train: row 2, column 17: 300 is not a pixel value 0-255");
	}

	@Test
	void notAnIntegerIsQuoted() {
		assertInvalid(row("5", 783, "2.5") + "\n", "train: row 1, column 785: '2.5' is not a pixel value 0-255");
		assertInvalid(row("5", 0, "-1") + "\n", "train: row 1, column 2: '-1' is not a pixel value 0-255");
		assertInvalid(row("5", 1, "") + "\n", "train: row 1, column 3: '' is not a pixel value 0-255");
	}

	@Test
	void labelOutOfRange() {
		assertInvalid(row("5", 0, "0") + "\n" + row("10", 0, "0"), "train: row 2, column 1: 10 is not a label 0-9");
		assertInvalid(row("5", 0, "0") + "\n" + row("12345678901", 0, "0"),
				"train: row 2, column 1: 12345678901 is not a label 0-9");
	}

	@Test
	void headerOnlyOrEmptyHasNoExamples() {
		assertInvalid(header() + "\n", "train: no examples");
		assertInvalid("", "train: no examples");
	}

	@Test
	void headerWithWrongColumnCount() {
		assertInvalid("label,pixel0\n" + row("5", 0, "0"), "train: row 1: header has 2 columns, 785 expected");
	}

	@Test
	void moreExamplesThanAllowed() {
		String csv = (row("5", 0, "0") + "\n").repeat(11);
		assertInvalid(csv, "train: more than the 10 examples allowed");
	}

	@Test
	void overlongLineIsRefusedWithoutReadingItWhole() {
		assertInvalid("1" + ",0".repeat(40_000), "train: row 1: longer than 65536 characters");
	}

	private static LabelledImages read(String csv) throws IOException {
		return CsvReader.read("train", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 10_000);
	}

	private static void assertInvalid(String csv, String message) {
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(
					() -> CsvReader.read("train", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 10))
			.withMessageStartingWith(message)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("train"));
	}

	private static String header() {
		StringBuilder header = new StringBuilder("label");
		for (int p = 0; p < 784; p++) {
			header.append(",pixel").append(p);
		}
		return header.toString();
	}

	/**
	 * @return a row whose pixels are 0 except {@code pixel}, which is {@code value}
	 */
	private static String row(String label, int pixel, String value) {
		StringBuilder row = new StringBuilder(label);
		for (int p = 0; p < 784; p++) {
			row.append(',').append((p == pixel) ? value : "0");
		}
		return row.toString();
	}

}
