package dev.descent.datasets;

/**
 * One CSV data row parsed into integers: column 1 is the label (0-9), the others pixels
 * (0-255). Keeps the first out-of-range or non-integer value as {@link #problem()}, and
 * counts every column, so the caller can report a wrong column count first.
 */
final class CsvRow {

	private static final int MAX_SHOWN = 12;

	private final int[] values;

	private int columns;

	private String problem;

	private int problemColumn;

	CsvRow(int capacity) {
		this.values = new int[capacity];
	}

	/** Parses the current line of {@code lines}, replacing the previous row. */
	void parse(CsvLines lines) {
		this.columns = 0;
		this.problem = null;
		int start = 0;
		for (int i = 0; i <= lines.length(); i++) {
			if (i == lines.length() || lines.at(i) == ',') {
				field(lines, start, i);
				start = i + 1;
			}
		}
	}

	int columns() {
		return this.columns;
	}

	/**
	 * @return the first problem, e.g. "300 is not a pixel value 0-255", or null
	 */
	String problem() {
		return this.problem;
	}

	/**
	 * @return the 1-based column of {@link #problem()}
	 */
	int problemColumn() {
		return this.problemColumn;
	}

	/**
	 * @return the value of the 0-based column {@code index}
	 */
	int value(int index) {
		return this.values[index];
	}

	private void field(CsvLines lines, int from, int to) {
		int column = this.columns++;
		if (column >= this.values.length || this.problem != null) {
			return;
		}
		while (from < to && CsvLines.isSpace(lines.at(from))) {
			from++;
		}
		while (to > from && CsvLines.isSpace(lines.at(to - 1))) {
			to--;
		}
		int max = (column == 0) ? 9 : 255;
		int value = parseSmall(lines, from, to);
		if (value < 0 || value > max) {
			this.problem = shown(lines, from, to)
					+ ((column == 0) ? " is not a label 0-9" : " is not a pixel value 0-255");
			this.problemColumn = column + 1;
		}
		this.values[column] = value;
	}

	/**
	 * @return the non-negative integer in [from, to), or -1 when it is not one
	 */
	private static int parseSmall(CsvLines lines, int from, int to) {
		if (from == to || to - from > 9) {
			return (to - from > 9 && allDigits(lines, from, to)) ? Integer.MAX_VALUE : -1;
		}
		int value = 0;
		for (int i = from; i < to; i++) {
			byte b = lines.at(i);
			if (b < '0' || b > '9') {
				return -1;
			}
			value = 10 * value + (b - '0');
		}
		return value;
	}

	private static boolean allDigits(CsvLines lines, int from, int to) {
		for (int i = from; i < to; i++) {
			if (lines.at(i) < '0' || lines.at(i) > '9') {
				return false;
			}
		}
		return true;
	}

	private static String shown(CsvLines lines, int from, int to) {
		StringBuilder text = new StringBuilder();
		for (int i = from; i < Math.min(to, from + MAX_SHOWN); i++) {
			byte b = lines.at(i);
			text.append((b >= 0x20 && b < 0x7f) ? (char) b : '?');
		}
		if (to - from > MAX_SHOWN) {
			text.append("...");
		}
		return allDigits(lines, from, to) && from < to ? text.toString() : "'" + text + "'";
	}

}
