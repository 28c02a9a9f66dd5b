package dev.descent.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Helpers shared by the IDX and CSV readers of uploaded files. */
final class Uploads {

	private Uploads() {
	}

	/**
	 * @return {@code in} (buffered), decompressed when its content starts with the gzip
	 * magic 1f 8b, whatever the file is called
	 */
	static InputStream decompressIfGzip(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(2);
		int first = buffered.read();
		int second = buffered.read();
		buffered.reset();
		return (first == 0x1f && second == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
	}

}
