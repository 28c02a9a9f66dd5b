package dev.descent.datasets;

import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a CSV stream, read through one reused buffer: {@link #next()} makes the
 * next line current (without its CR LF or LF), {@link #at(int)} reads its bytes.
 */
final class CsvLines {

	private final InputStream in;

	private final int maxLine;

	private final byte[] buffer = new byte[1 << 16];

	private int position;

	private int limit;

	private byte[] line = new byte[4096];

	private int length;

	private int number;

	private boolean tooLong;

	/**
	 * @param in the stream, read to its end, not closed
	 * @param maxLine the longest line accepted, in bytes
	 */
	CsvLines(InputStream in, int maxLine) {
		this.in = in;
		this.maxLine = maxLine;
	}

	/**
	 * @return whether there is a next line; false at the end or when a line is longer
	 * than allowed ({@link #tooLong()})
	 */
	boolean next() throws IOException {
		this.length = 0;
		boolean any = false;
		int b;
		while ((b = read()) != -1) {
			any = true;
			if (b == '\n') {
				break;
			}
			if (!append((byte) b)) {
				this.number++;
				this.tooLong = true;
				return false;
			}
		}
		if (!any) {
			return false;
		}
		this.number++;
		trimLineEnd();
		return true;
	}

	/**
	 * @return the current line's number, 1-based
	 */
	int number() {
		return this.number;
	}

	boolean tooLong() {
		return this.tooLong;
	}

	int length() {
		return this.length;
	}

	byte at(int index) {
		return this.line[index];
	}

	boolean isBlank() {
		for (int i = 0; i < this.length; i++) {
			if (!isSpace(this.line[i])) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return whether the first field is not a number (so the line is a header)
	 */
	boolean startsWithNonNumber() {
		boolean digit = false;
		for (int i = 0; i < this.length && this.line[i] != ','; i++) {
			byte b = this.line[i];
			if (b >= '0' && b <= '9') {
				digit = true;
			}
			else if (!isSpace(b) && b != '.' && b != '-' && b != '+') {
				return true;
			}
		}
		return !digit;
	}

	int countColumns() {
		int columns = 1;
		for (int i = 0; i < this.length; i++) {
			columns += (this.line[i] == ',') ? 1 : 0;
		}
		return columns;
	}

	static boolean isSpace(byte b) {
		return b == ' ' || b == '\t';
	}

	private int read() throws IOException {
		if (this.position == this.limit) {
			this.limit = this.in.read(this.buffer);
			this.position = 0;
			if (this.limit <= 0) {
				this.limit = 0;
				return -1;
			}
		}
		return this.buffer[this.position++] & 0xff;
	}

	private boolean append(byte b) {
		if (this.length == this.line.length) {
			if (this.length >= this.maxLine) {
				return false;
			}
			this.line = java.util.Arrays.copyOf(this.line, Math.min(2 * this.line.length, this.maxLine));
		}
		this.line[this.length++] = b;
		return true;
	}

	/** Drops a trailing CR, and on the first line a UTF-8 byte order mark. */
	private void trimLineEnd() {
		if (this.length > 0 && this.line[this.length - 1] == '\r') {
			this.length--;
		}
		if (this.number == 1 && this.length >= 3 && (this.line[0] & 0xff) == 0xef && (this.line[1] & 0xff) == 0xbb
				&& (this.line[2] & 0xff) == 0xbf) {
			System.arraycopy(this.line, 3, this.line, 0, this.length - 3);
			this.length -= 3;
		}
	}

}
