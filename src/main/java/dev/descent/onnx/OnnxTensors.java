package dev.descent.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Reads the values of a weight tensor: float32 or float64, stored as {@code raw_data}
 * (little-endian, as ONNX prescribes) or as {@code float_data} / {@code double_data}.
 */
final class OnnxTensors {

	/** Larger tensors cannot be a layer of an MNIST network that fits a request body. */
	private static final long MAX_VALUES = 1L << 28;

	private OnnxTensors() {
	}

	/**
	 * @return the tensor's dimensions
	 */
	static List<Long> dims(TensorProto tensor) {
		return tensor.getDimsList();
	}

	/**
	 * @return every value, row-major, widened to double
	 * @throws UnsupportedOnnxModelException naming the tensor when its type, storage or
	 * size is not one descent reads, or a value is not finite
	 */
	static double[] values(TensorProto tensor) {
		String part = "initializer '" + tensor.getName() + "'";
		if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
			throw new UnsupportedOnnxModelException(part,
					"keeps its values in an external file: export the model with its weights inside it");
		}
		long count = count(tensor, part);
		double[] values;
		if (tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
			values = floats(tensor, (int) count, part);
		}
		else if (tensor.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
			values = doubles(tensor, (int) count, part);
		}
		else {
			throw new UnsupportedOnnxModelException(part,
					"has data type " + typeName(tensor.getDataType()) + ": descent reads float32 or float64 weights");
		}
		for (int i = 0; i < values.length; i++) {
			if (!Double.isFinite(values[i])) {
				throw new UnsupportedOnnxModelException(part, "holds " + values[i] + " at index " + i);
			}
		}
		return values;
	}

	static String typeName(int dataType) {
		TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
		return (type != null) ? type.name() : "number " + dataType;
	}

	private static long count(TensorProto tensor, String part) {
		long count = 1;
		for (long dim : tensor.getDimsList()) {
			if (dim < 0) {
				throw new UnsupportedOnnxModelException(part, "has a negative dimension, " + dim);
			}
			count *= dim;
			if (count > MAX_VALUES) {
				throw new UnsupportedOnnxModelException(part, "has more than " + MAX_VALUES + " values");
			}
		}
		return count;
	}

	private static double[] floats(TensorProto tensor, int count, String part) {
		double[] values = new double[count];
		if (!tensor.getRawData().isEmpty()) {
			ByteBuffer raw = raw(tensor, count, Float.BYTES, part);
			for (int i = 0; i < count; i++) {
				values[i] = raw.getFloat();
			}
			return values;
		}
		requireCount(tensor.getFloatDataCount(), count, part);
		for (int i = 0; i < count; i++) {
			values[i] = tensor.getFloatData(i);
		}
		return values;
	}

	private static double[] doubles(TensorProto tensor, int count, String part) {
		if (!tensor.getRawData().isEmpty()) {
			ByteBuffer raw = raw(tensor, count, Double.BYTES, part);
			double[] values = new double[count];
			raw.asDoubleBuffer().get(values);
			return values;
		}
		requireCount(tensor.getDoubleDataCount(), count, part);
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = tensor.getDoubleData(i);
		}
		return values;
	}

	private static ByteBuffer raw(TensorProto tensor, int count, int bytes, String part) {
		int size = tensor.getRawData().size();
		if (size != (long) count * bytes) {
			throw new UnsupportedOnnxModelException(part, "has " + size + " bytes of raw data, its shape "
					+ tensor.getDimsList() + " needs " + (long) count * bytes);
		}
		return tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
	}

	private static void requireCount(int stored, int count, String part) {
		if (stored != count) {
			throw new UnsupportedOnnxModelException(part, "has " + stored + " values, its shape needs " + count);
		}
	}

}
