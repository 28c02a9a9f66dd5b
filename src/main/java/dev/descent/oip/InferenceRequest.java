package dev.descent.oip;

import java.util.List;

/**
 * An inference request as read from the body ({@code $inference_request}), before it is
 * checked against the model's one input.
 *
 * @param id the request's {@code id}, echoed in the answer; null when absent
 * @param inputs the input tensors, in order
 * @param outputs the names of the requested outputs, in order; null when absent (all)
 */
record InferenceRequest(String id, List<Tensor> inputs, List<String> outputs) {

	/**
	 * One input tensor ({@code $request_input}). Its values are kept in blocks of 784, so
	 * a batch of images needs no copy once the shape is known to be [N,784] or [N,28,28].
	 *
	 * @param index the tensor's position in {@code inputs}
	 * @param name its {@code name}, or null when absent
	 * @param shape its {@code shape}, or null when absent
	 * @param datatype its {@code datatype}, or null when absent
	 * @param data its values flattened row-major, null elements and anything else that is
	 * not a number stored as NaN; null when {@code data} is absent
	 * @param binary whether its parameters announce binary data
	 * ({@code binary_data_size})
	 */
	record Tensor(int index, String name, long[] shape, String datatype, Values data, boolean binary) {

		/** How the input is named in errors: by name, else by position. */
		String label() {
			return (this.name != null) ? "input '" + this.name + "'" : "inputs[" + this.index + "]";
		}

	}

	/**
	 * A tensor's values, flattened.
	 *
	 * @param blocks the values in blocks of {@link InferenceReader#BLOCK}; only
	 * {@code count} values are set
	 * @param count how many values {@code data} held (capped at the reader's limit)
	 * @param firstNonNumber what the first value that is not a number was ("null", "a
	 * string", ...), or null when all are numbers
	 * @param fault a problem with the nesting or the number of values, or null
	 */
	record Values(double[][] blocks, int count, String firstNonNumber, String fault) {

		double get(int i) {
			return this.blocks[i / InferenceReader.BLOCK][i % InferenceReader.BLOCK];
		}

	}

}
