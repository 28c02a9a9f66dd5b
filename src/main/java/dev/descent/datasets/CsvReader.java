package dev.descent.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import dev.descent.data.IdxReader;
import dev.descent.data.DataSet;

/**
 * Reads the common "label,pixel0,...,pixel783" CSV form of MNIST-like data as a stream,
 * one line at a time (never the whole file as a string). The first line may be a header,
 * recognised by a first field that is not a number. Pixels are integers 0-255, labels
 * 0-9; blank lines are skipped; CRLF line ends, a UTF-8 byte order mark and gzip
 * compression (told apart by content) are accepted. Errors name the part, the row (the
 * line number in the file, header included) and the column (1 is the label).
 */
final class CsvReader {

	static final int COLUMNS = 1 + DataSet.IMAGE_SIZE;

	private static final int MAX_LINE = 64 * 1024;

	private final String part;

	private final int maxExamples;

	private final CsvLines lines;

	private final CsvRow row = new CsvRow(COLUMNS);

	private byte[] pixels = new byte[DataSet.IMAGE_SIZE * 256];

	private byte[] labels = new byte[256];

	private int examples;

	private CsvReader(String part, InputStream in, int maxExamples) {
		this.part = part;
		this.maxExamples = maxExamples;
		this.lines = new CsvLines(in, MAX_LINE);
	}

	/**
	 * Reads {@code in} to its end (it is not closed).
	 * @param part the multipart part's name, used in error messages
	 * @return the examples
	 * @throws InvalidDatasetException naming the part, row and column of the first
	 * problem
	 */
	static LabelledImages read(String part, InputStream in, int maxExamples) throws IOException {
		return new CsvReader(part, IdxReader.decompressIfGzip(in), maxExamples).readAll();
	}

	private LabelledImages readAll() throws IOException {
		boolean first = true;
		while (nextLine()) {
			if (this.lines.isBlank()) {
				continue;
			}
			if (first && this.lines.startsWithNonNumber()) {
				checkHeader();
			}
			else {
				addExample();
			}
			first = false;
		}
		if (this.examples == 0) {
			throw invalid("no examples (at least one row of a label and 784 pixels is needed)");
		}
		return new LabelledImages(Arrays.copyOf(this.pixels, this.examples * DataSet.IMAGE_SIZE),
				Arrays.copyOf(this.labels, this.examples));
	}

	private boolean nextLine() throws IOException {
		if (!this.lines.next()) {
			if (this.lines.tooLong()) {
				throw invalid("row " + this.lines.number() + ": longer than " + MAX_LINE + " characters");
			}
			return false;
		}
		return true;
	}

	private void checkHeader() {
		int columns = this.lines.countColumns();
		if (columns != COLUMNS) {
			throw invalid("row " + this.lines.number() + ": header has " + columns + " columns, " + COLUMNS
					+ " expected (label first)");
		}
	}

	private void addExample() {
		this.row.parse(this.lines);
		if (this.row.columns() != COLUMNS) {
			throw invalid("row " + this.lines.number() + ": " + COLUMNS + " columns expected (label first), got "
					+ this.row.columns());
		}
		if (this.row.problem() != null) {
			throw invalid(
					"row " + this.lines.number() + ", column " + this.row.problemColumn() + ": " + this.row.problem());
		}
		if (this.examples == this.maxExamples) {
			throw invalid("more than the " + this.maxExamples + " examples allowed");
		}
		ensureCapacity();
		this.labels[this.examples] = (byte) this.row.value(0);
		int offset = this.examples * DataSet.IMAGE_SIZE;
		for (int p = 0; p < DataSet.IMAGE_SIZE; p++) {
			this.pixels[offset + p] = (byte) this.row.value(1 + p);
		}
		this.examples++;
	}

	private void ensureCapacity() {
		if (this.examples == this.labels.length) {
			int capacity = (int) Math.min(2L * this.labels.length, this.maxExamples);
			this.labels = Arrays.copyOf(this.labels, capacity);
			this.pixels = Arrays.copyOf(this.pixels, capacity * DataSet.IMAGE_SIZE);
		}
	}

	private InvalidDatasetException invalid(String problem) {
		return new InvalidDatasetException(this.part, problem);
	}

}
