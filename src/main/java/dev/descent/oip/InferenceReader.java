package dev.descent.oip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.descent.data.DataSet;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads an inference request token by token: the values of {@code data} go straight into
 * blocks of 784 doubles, nested or flat, without a tree or boxing, so a request costs
 * about what {@code POST /predict}'s does. Checks only the JSON's shape (which field is
 * an array, a string, an integer); what the values mean is checked by {@link PixelsInput}
 * once the whole tensor has been read, because {@code shape} and {@code datatype} may
 * come after {@code data}. Fields the protocol does not define are skipped, as its
 * schemas allow.
 */
final class InferenceReader {

	/** Values per block: one image. */
	static final int BLOCK = DataSet.IMAGE_SIZE;

	/** The deepest {@code data} nesting read; a [N,28,28] tensor needs 3. */
	static final int MAX_DEPTH = 8;

	/** The most dimensions a shape may have. */
	static final int MAX_RANK = 8;

	private final int maxValues;

	/**
	 * @param maxImages the most images a request may carry; a tensor's values past
	 * {@code maxImages * 784} are counted as too many and not kept
	 */
	InferenceReader(int maxImages) {
		this.maxValues = (int) Math.min(Integer.MAX_VALUE - 8, (long) maxImages * BLOCK);
	}

	/**
	 * @throws InvalidInferenceException naming the field whose JSON type is wrong
	 * @throws tools.jackson.core.JacksonException when the body is not JSON
	 */
	InferenceRequest read(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first == null) {
			throw new InvalidInferenceException("the body is empty; send an inference request (a JSON object)");
		}
		if (first != JsonToken.START_OBJECT) {
			throw new InvalidInferenceException("the body must be a JSON object (an inference request)");
		}
		String id = null;
		List<InferenceRequest.Tensor> inputs = null;
		List<String> outputs = null;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken token = parser.nextToken();
			switch (field) {
				case "id" -> id = string(parser, token, "id");
				case "parameters" -> skipObject(parser, token, "parameters");
				case "inputs" -> inputs = inputs(parser, token);
				case "outputs" -> outputs = outputs(parser, token);
				default -> parser.skipChildren();
			}
		}
		if (parser.nextToken() != null) {
			throw new InvalidInferenceException("the body holds more than one JSON value");
		}
		if (inputs == null) {
			throw new InvalidInferenceException("the request has no 'inputs'");
		}
		return new InferenceRequest(id, inputs, outputs);
	}

	private List<InferenceRequest.Tensor> inputs(JsonParser parser, JsonToken token) {
		requireArray(token, "inputs", "an array of input tensors");
		List<InferenceRequest.Tensor> inputs = new ArrayList<>(1);
		for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
			int index = inputs.size();
			if (next != JsonToken.START_OBJECT) {
				throw new InvalidInferenceException("inputs[" + index + "] must be an object (an input tensor)");
			}
			inputs.add(tensor(parser, index));
		}
		return inputs;
	}

	private InferenceRequest.Tensor tensor(JsonParser parser, int index) {
		String path = "inputs[" + index + "].";
		String name = null;
		long[] shape = null;
		String datatype = null;
		InferenceRequest.Values data = null;
		boolean binary = false;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken token = parser.nextToken();
			switch (field) {
				case "name" -> name = string(parser, token, path + "name");
				case "shape" -> shape = shape(parser, token, path + "shape");
				case "datatype" -> datatype = string(parser, token, path + "datatype");
				case "parameters" -> binary = announcesBinaryData(parser, token, path + "parameters");
				case "data" -> data = values(parser, token, path + "data");
				default -> parser.skipChildren();
			}
		}
		return new InferenceRequest.Tensor(index, name, shape, datatype, data, binary);
	}

	private static long[] shape(JsonParser parser, JsonToken token, String path) {
		requireArray(token, path, "an array of integers >= 0");
		long[] shape = new long[MAX_RANK];
		int rank = 0;
		for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
			if (next != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
					|| parser.getLongValue() < 0) {
				throw new InvalidInferenceException(path + " must be an array of integers >= 0");
			}
			if (rank == MAX_RANK) {
				throw new InvalidInferenceException(path + " has more than " + MAX_RANK + " dimensions");
			}
			shape[rank++] = parser.getLongValue();
		}
		return Arrays.copyOf(shape, rank);
	}

	/**
	 * Reads {@code data} of any nesting, row-major. A value that is not a number is kept
	 * as NaN and the first one described, so that the check can name its index.
	 */
	private InferenceRequest.Values values(JsonParser parser, JsonToken token, String path) {
		requireArray(token, path, "an array");
		double[][] blocks = new double[1][];
		double[] block = null;
		int count = 0;
		int depth = 1;
		String firstNonNumber = null;
		String fault = null;
		while (depth > 0) {
			JsonToken next = parser.nextToken();
			if (next == JsonToken.END_ARRAY) {
				depth--;
				continue;
			}
			if (next == JsonToken.START_ARRAY) {
				if (++depth > MAX_DEPTH && fault == null) {
					fault = "data is nested more than " + MAX_DEPTH + " deep";
				}
				continue;
			}
			double value;
			if (next == JsonToken.VALUE_NUMBER_INT || next == JsonToken.VALUE_NUMBER_FLOAT) {
				value = parser.getDoubleValue();
			}
			else {
				value = Double.NaN;
				if (firstNonNumber == null) {
					firstNonNumber = describe(next);
				}
				parser.skipChildren();
			}
			if (count == this.maxValues) {
				fault = (fault != null) ? fault : "data has more than " + this.maxValues + " values";
				continue;
			}
			int offset = count % BLOCK;
			if (offset == 0) {
				int b = count / BLOCK;
				if (b == blocks.length) {
					blocks = Arrays.copyOf(blocks, b * 2);
				}
				block = new double[BLOCK];
				blocks[b] = block;
			}
			block[offset] = value;
			count++;
		}
		return new InferenceRequest.Values(blocks, count, firstNonNumber, fault);
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case VALUE_NULL -> "null";
			case VALUE_STRING -> "a string";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			default -> "an object";
		};
	}

	private static List<String> outputs(JsonParser parser, JsonToken token) {
		requireArray(token, "outputs", "an array of requested outputs");
		List<String> names = new ArrayList<>(2);
		for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
			String path = "outputs[" + names.size() + "]";
			if (next != JsonToken.START_OBJECT) {
				throw new InvalidInferenceException(path + " must be an object (a requested output)");
			}
			String name = null;
			for (String field = parser.nextName(); field != null; field = parser.nextName()) {
				JsonToken value = parser.nextToken();
				switch (field) {
					case "name" -> name = string(parser, value, path + ".name");
					case "parameters" -> skipObject(parser, value, path + ".parameters");
					default -> parser.skipChildren();
				}
			}
			if (name == null) {
				throw new InvalidInferenceException(path + " has no 'name'");
			}
			names.add(name);
		}
		return names;
	}

	/**
	 * @return whether the parameters hold {@code binary_data_size}: the tensor's values
	 * follow the JSON as bytes (the binary tensor extension), which descent does not read
	 */
	private static boolean announcesBinaryData(JsonParser parser, JsonToken token, String path) {
		if (token != JsonToken.START_OBJECT) {
			throw new InvalidInferenceException(path + " must be an object");
		}
		boolean binary = false;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			parser.nextToken();
			binary |= "binary_data_size".equals(field);
			parser.skipChildren();
		}
		return binary;
	}

	private static void skipObject(JsonParser parser, JsonToken token, String path) {
		if (token != JsonToken.START_OBJECT) {
			throw new InvalidInferenceException(path + " must be an object");
		}
		parser.skipChildren();
	}

	private static String string(JsonParser parser, JsonToken token, String path) {
		if (token != JsonToken.VALUE_STRING) {
			throw new InvalidInferenceException(path + " must be a string");
		}
		return parser.getString();
	}

	private static void requireArray(JsonToken token, String path, String what) {
		if (token != JsonToken.START_ARRAY) {
			throw new InvalidInferenceException(path + " must be " + what);
		}
	}

}
