package dev.descent.predict;

import java.util.Arrays;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /bench/parse-only}, for the load benchmark only
 * ({@code descent.bench.baseline-endpoint=true}, off by default): reads and validates the
 * body exactly as {@code POST /predict} does and answers a constant of the same shape, so
 * the benchmark can tell the web stack's own ceiling from the cost of predicting.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty("descent.bench.baseline-endpoint")
class ParseOnlyController {

	private static final double[] OUTPUT = constantOutput();

	private final PredictProperties properties;

	ParseOnlyController(PredictProperties properties) {
		this.properties = properties;
	}

	@PostMapping("/bench/parse-only")
	PredictController.SingleResponse parseOnly(@RequestBody PredictRequest request) {
		request.validate(this.properties.maxInstances());
		return new PredictController.SingleResponse(request.modelOrDefault(), 1, OUTPUT, 0);
	}

	private static double[] constantOutput() {
		double[] output = new double[10];
		Arrays.fill(output, 0.1);
		output[0] = 0.9;
		return output;
	}

}
