package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of a tar reader for an npm package: 512-byte ustar headers, each followed
 * by the entry's content padded to a whole block. Pax and GNU extension records come back
 * as ordinary entries (their names do not match anything a caller looks for).
 */
final class TarReader {

	private static final int BLOCK = 512;

	private final InputStream in;

	private long remaining;

	private long padding;

	/**
	 * @param in an uncompressed tar stream, read as entries are visited (not closed)
	 */
	TarReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Skips what is left of the current entry and reads the next header.
	 * @return the next entry, or {@code null} at the end of the archive
	 */
	Entry next() throws IOException {
		this.in.skipNBytes(this.remaining + this.padding);
		byte[] header = this.in.readNBytes(BLOCK);
		if (header.length == 0 || isZero(header)) {
			this.remaining = 0;
			this.padding = 0;
			return null;
		}
		if (header.length < BLOCK) {
			throw new IOException("truncated tar header");
		}
		if (octal(header, 148, 8) != checksum(header)) {
			throw new IOException("tar header checksum mismatch");
		}
		long size = octal(header, 124, 12);
		this.remaining = size;
		this.padding = (BLOCK - size % BLOCK) % BLOCK;
		String name = text(header, 0, 100);
		boolean ustar = text(header, 257, 5).equals("ustar");
		String prefix = ustar ? text(header, 345, 155) : "";
		return new Entry(prefix.isEmpty() ? name : prefix + "/" + name);
	}

	/**
	 * @return the current entry's content; reading it advances this reader
	 */
	InputStream content() {
		return new InputStream() {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) == 1) ? (one[0] & 0xff) : -1;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				if (TarReader.this.remaining == 0) {
					return -1;
				}
				int n = TarReader.this.in.read(b, off, (int) Math.min(len, TarReader.this.remaining));
				if (n < 0) {
					throw new IOException("tar entry truncated");
				}
				TarReader.this.remaining -= n;
				return n;
			}

		};
	}

	private static boolean isZero(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static long checksum(byte[] header) {
		long sum = 0;
		for (int i = 0; i < BLOCK; i++) {
			sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
		}
		return sum;
	}

	private static long octal(byte[] header, int offset, int length) throws IOException {
		String digits = text(header, offset, length).trim();
		try {
			return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
		}
		catch (NumberFormatException ex) {
			throw new IOException("bad number in tar header: " + digits, ex);
		}
	}

	private static String text(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) {
			end++;
		}
		return new String(header, offset, end - offset, StandardCharsets.UTF_8);
	}

	/**
	 * One archive entry.
	 *
	 * @param name path inside the archive, e.g.
	 * {@code package/data/t10k-labels-idx1-ubyte}
	 */
	record Entry(String name) {
	}

}
