package dev.descent.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A servlet input stream that fails with {@link BodyTooLargeException} once more than
 * {@code maxBytes} have been read through it.
 */
final class CountingInputStream extends ServletInputStream {

	private final ServletInputStream delegate;

	private final long maxBytes;

	private long count;

	CountingInputStream(ServletInputStream delegate, long maxBytes) {
		this.delegate = delegate;
		this.maxBytes = maxBytes;
	}

	@Override
	public int read() throws IOException {
		int b = this.delegate.read();
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.delegate.read(buffer, offset, length);
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	private void counted(int n) throws BodyTooLargeException {
		this.count += n;
		if (this.count > this.maxBytes) {
			throw new BodyTooLargeException(this.maxBytes);
		}
	}

	@Override
	public boolean isFinished() {
		return this.delegate.isFinished();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setReadListener(ReadListener listener) {
		this.delegate.setReadListener(listener);
	}

}
