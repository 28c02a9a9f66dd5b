package dev.descent.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import org.ejml.data.DMatrixRMaj;

/**
 * The one codec of a network's parameters: for each layer its weights (n_in × n_out,
 * row-major, as {@link Network#weights} holds them) and its biases (n_out), every value
 * an IEEE-754 float64, streamed through a small buffer so that a network is never held
 * twice in memory. {@code weights.bin} is the magic {@code DSCNT001} and the parameters
 * little-endian (docs/model-format.md); a job's checkpoint holds them big-endian, as
 * {@link java.io.DataOutput} writes the rest of it.
 */
public final class WeightsCodec {

	static final byte[] MAGIC = "DSCNT001".getBytes(StandardCharsets.US_ASCII);

	private static final int BUFFER = 1 << 16;

	private WeightsCodec() {
	}

	/** Writes {@code weights.bin}: the magic, then the parameters little-endian. */
	static void write(Network network, OutputStream out) throws IOException {
		out.write(MAGIC);
		writeParameters(network, out, ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * @return the number of bytes {@link #write} writes for a network of {@code spec}
	 */
	static long size(NetworkSpec spec) {
		return MAGIC.length + 8 * spec.parameterCount();
	}

	/**
	 * Writes every layer's weights then biases, in {@code order}, to {@code out} (not
	 * closed).
	 */
	public static void writeParameters(Network network, OutputStream out, ByteOrder order) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(order);
		for (int l = 0; l < network.layerCount(); l++) {
			putAll(buffer, out, network.weights(l));
			putAll(buffer, out, network.biases(l));
		}
		flush(buffer, out);
	}

	private static void putAll(ByteBuffer buffer, OutputStream out, DMatrixRMaj m) throws IOException {
		for (int i = 0; i < m.getNumElements(); i++) {
			if (buffer.remaining() < Double.BYTES) {
				flush(buffer, out);
			}
			buffer.putDouble(m.data[i]);
		}
	}

	private static void flush(ByteBuffer buffer, OutputStream out) throws IOException {
		out.write(buffer.array(), 0, buffer.position());
		buffer.clear();
	}

	/**
	 * Reads parameters of a network of {@code spec}, as {@link #writeParameters} wrote
	 * them, from {@code in}, reading exactly their bytes.
	 * @throws java.io.EOFException when {@code in} ends first
	 */
	public static Network readParameters(InputStream in, NetworkSpec spec, ByteOrder order) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(order);
		buffer.flip();
		List<DMatrixRMaj> weights = new ArrayList<>();
		List<DMatrixRMaj> biases = new ArrayList<>();
		for (int l = 1; l < spec.depth(); l++) {
			weights.add(read(in, buffer, spec.size(l - 1), spec.size(l)));
			biases.add(read(in, buffer, 1, spec.size(l)));
		}
		return Network.of(spec, weights, biases);
	}

	private static DMatrixRMaj read(InputStream in, ByteBuffer buffer, int rows, int cols) throws IOException {
		DMatrixRMaj m = new DMatrixRMaj(rows, cols);
		for (int i = 0; i < rows * cols; i++) {
			if (buffer.remaining() < Double.BYTES) {
				refill(in, buffer, (rows * cols - i) * (long) Double.BYTES);
			}
			m.data[i] = buffer.getDouble();
		}
		return m;
	}

	/** Reads at most {@code needed} more bytes, never past what the codec owns. */
	private static void refill(InputStream in, ByteBuffer buffer, long needed) throws IOException {
		buffer.compact();
		int want = (int) Math.min(buffer.remaining(), Math.max(needed - buffer.position(), 0));
		int read = in.readNBytes(buffer.array(), buffer.position(), want);
		buffer.position(buffer.position() + read);
		buffer.flip();
		if (buffer.remaining() < Double.BYTES) {
			throw new java.io.EOFException("the parameters end early");
		}
	}

	/**
	 * Reads {@code weights.bin} to its end (so that its checksum covers every byte).
	 * @throws IllegalArgumentException naming the problem when the bytes are not a
	 * network of shape {@code spec}
	 */
	static Network read(InputStream in, NetworkSpec spec) throws IOException {
		byte[] magic = in.readNBytes(MAGIC.length);
		long expected = size(spec);
		Network network = null;
		long length = magic.length;
		if (Arrays.equals(magic, MAGIC)) {
			CountingStream counting = new CountingStream(in);
			try {
				network = readParameters(counting, spec, ByteOrder.LITTLE_ENDIAN);
			}
			catch (java.io.EOFException ex) {
				// reported as the size below
			}
			length += counting.count;
		}
		length += in.transferTo(OutputStream.nullOutputStream());
		if (length != expected) {
			throw new IllegalArgumentException(
					"weights.bin has " + length + " bytes, expected " + expected + " for " + spec);
		}
		if (network == null) {
			throw new IllegalArgumentException("weights.bin does not start with DSCNT001");
		}
		return network;
	}

	/** Counts the bytes read through it. */
	private static final class CountingStream extends java.io.FilterInputStream {

		private long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			this.count += (b >= 0) ? 1 : 0;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			this.count += Math.max(n, 0);
			return n;
		}

	}

}
