package dev.descent.oip;

import java.util.List;

/**
 * {@code $metadata_model_response}: a model's versions, its platform and its one input
 * and two outputs. Variable dimensions are -1.
 *
 * @param versions the versions that may be asked for by number
 */
record ModelMetadataResponse(String name, List<String> versions, String platform, List<Tensor> inputs,
		List<Tensor> outputs) {

	/**
	 * Descent's own format (docs/model-format.md, format version 1), named
	 * {@code <project>_<format>} as the protocol's platforms are.
	 */
	static final String PLATFORM = "descent_modelv1";

	static final List<Tensor> INPUTS = List.of(new Tensor(PixelsInput.NAME, PixelsInput.FP32, new int[] { -1, 784 }));

	static final List<Tensor> OUTPUTS = List.of(
			new Tensor(Outputs.PROBABILITIES, PixelsInput.FP32, new int[] { -1, 10 }),
			new Tensor(Outputs.DIGIT, "INT64", new int[] { -1 }));

	static ModelMetadataResponse of(String name, List<String> versions) {
		return new ModelMetadataResponse(name, versions, PLATFORM, INPUTS, OUTPUTS);
	}

	/** {@code $metadata_tensor}. */
	record Tensor(String name, String datatype, int[] shape) {

	}

}
