package dev.descent.oip;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.descent.engine.Network;
import dev.descent.predict.Prediction;

/**
 * {@code $inference_response}: the model and version that answered, the request's
 * {@code id}, and the requested outputs with their data flattened row-major.
 *
 * @param id the request's id; left out when it gave none
 */
record InferenceResponse(@JsonProperty("model_name") String modelName,
		@JsonProperty("model_version") String modelVersion, @JsonInclude(JsonInclude.Include.NON_NULL) String id,
		List<Output> outputs) {

	/**
	 * @param outputs the output names to answer, from {@link Outputs#select}
	 */
	static InferenceResponse of(Prediction prediction, String id, List<String> outputs) {
		double[][] activations = prediction.outputs();
		List<Output> answered = new ArrayList<>(outputs.size());
		for (String name : outputs) {
			answered.add(Outputs.PROBABILITIES.equals(name) ? probabilities(activations) : digits(activations));
		}
		return new InferenceResponse(prediction.model().name(), Integer.toString(prediction.model().version()), id,
				answered);
	}

	private static Output probabilities(double[][] activations) {
		int classes = (activations.length > 0) ? activations[0].length : 0;
		float[] data = new float[activations.length * classes];
		for (int i = 0; i < activations.length; i++) {
			for (int j = 0; j < classes; j++) {
				data[i * classes + j] = (float) activations[i][j];
			}
		}
		return new Output(Outputs.PROBABILITIES, PixelsInput.FP32, new int[] { activations.length, classes }, data);
	}

	private static Output digits(double[][] activations) {
		long[] data = new long[activations.length];
		for (int i = 0; i < activations.length; i++) {
			data[i] = Network.argmax(activations[i]);
		}
		return new Output(Outputs.DIGIT, "INT64", new int[] { activations.length }, data);
	}

	/**
	 * {@code $response_output}.
	 *
	 * @param data a {@code float[]} (FP32) or {@code long[]} (INT64)
	 */
	record Output(String name, String datatype, int[] shape, Object data) {

	}

}
