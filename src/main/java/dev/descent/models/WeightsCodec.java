package dev.descent.models;

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
 * Reads and writes {@code weights.bin}: the magic {@code DSCNT001}, then for each layer
 * its weights (n_in × n_out, row-major, as {@link Network#weights} holds them) and its
 * biases (n_out), every value a little-endian IEEE-754 float64. See docs/model-format.md.
 */
final class WeightsCodec {

	static final byte[] MAGIC = "DSCNT001".getBytes(StandardCharsets.US_ASCII);

	private WeightsCodec() {
	}

	static byte[] encode(Network network) {
		long count = network.spec().parameterCount();
		ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 8 * count)).order(ByteOrder.LITTLE_ENDIAN);
		out.put(MAGIC);
		for (int l = 0; l < network.layerCount(); l++) {
			putAll(out, network.weights(l));
			putAll(out, network.biases(l));
		}
		return out.array();
	}

	private static void putAll(ByteBuffer out, DMatrixRMaj m) {
		for (int i = 0; i < m.getNumElements(); i++) {
			out.putDouble(m.data[i]);
		}
	}

	/**
	 * @throws IllegalArgumentException naming the problem when the bytes are not a
	 * network of shape {@code spec}
	 */
	static Network decode(byte[] bytes, NetworkSpec spec) {
		long expected = MAGIC.length + 8 * spec.parameterCount();
		if (bytes.length != expected) {
			throw new IllegalArgumentException(
					"weights.bin has " + bytes.length + " bytes, expected " + expected + " for " + spec);
		}
		if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new IllegalArgumentException("weights.bin does not start with DSCNT001");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length)
			.order(ByteOrder.LITTLE_ENDIAN);
		List<DMatrixRMaj> weights = new ArrayList<>();
		List<DMatrixRMaj> biases = new ArrayList<>();
		for (int l = 1; l < spec.depth(); l++) {
			weights.add(read(in, spec.size(l - 1), spec.size(l)));
			biases.add(read(in, 1, spec.size(l)));
		}
		return Network.of(spec, weights, biases);
	}

	private static DMatrixRMaj read(ByteBuffer in, int rows, int cols) {
		DMatrixRMaj m = new DMatrixRMaj(rows, cols);
		in.asDoubleBuffer().get(m.data, 0, rows * cols);
		in.position(in.position() + 8 * rows * cols);
		return m;
	}

}
