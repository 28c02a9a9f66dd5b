package dev.descent.oip;

import java.util.List;

/**
 * The two outputs every descent model gives: {@code probabilities}, the 10 output
 * activations of each image (FP32, [N,10]; probabilities proper when the output layer is
 * softmax), and {@code digit}, their argmax (INT64, [N]).
 */
final class Outputs {

	static final String PROBABILITIES = "probabilities";

	static final String DIGIT = "digit";

	static final List<String> ALL = List.of(PROBABILITIES, DIGIT);

	private Outputs() {
	}

	/**
	 * @param requested the request's {@code outputs}, or null
	 * @return the outputs to answer, in the order asked; all of them when none are asked
	 * for (absent or empty)
	 * @throws InvalidInferenceException for an unknown or repeated output
	 */
	static List<String> select(List<String> requested, String model) {
		if (requested == null || requested.isEmpty()) {
			return ALL;
		}
		for (int i = 0; i < requested.size(); i++) {
			String name = requested.get(i);
			if (!ALL.contains(name)) {
				throw new InvalidInferenceException("output " + Texts.quoted(name) + " is not an output of model '"
						+ model + "'; its outputs are 'probabilities' and 'digit'");
			}
			if (requested.subList(0, i).contains(name)) {
				throw new InvalidInferenceException("output '" + name + "' is requested twice");
			}
		}
		return requested;
	}

}
