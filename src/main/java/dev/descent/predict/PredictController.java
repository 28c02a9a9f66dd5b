package dev.descent.predict;

import java.util.ArrayList;
import java.util.List;

import dev.descent.engine.Network;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /predict}: classifies one image ({@code pixels}) or a batch
 * ({@code instances}) with a model version.
 */
@RestController
class PredictController {

	private final PredictionService service;

	private final PredictProperties properties;

	PredictController(PredictionService service, PredictProperties properties) {
		this.service = service;
		this.properties = properties;
	}

	@PostMapping("/predict")
	@Operation(summary = "Classify one image (pixels) or a batch (instances) with a model version",
			description = "Pixels are 784 grey values in [0,1]. The version defaults to the production alias, "
					+ "else the latest version.")
	@ApiResponse(responseCode = "200", description = "The output activations and their argmax",
			content = @Content(schema = @Schema(oneOf = { SingleResponse.class, BatchResponse.class })))
	Object predict(@RequestBody PredictRequest request) {
		request.validate(this.properties.maxInstances());
		Prediction prediction = this.service.predict(request.modelOrDefault(), request.version(), request.alias(),
				request.images());
		String model = prediction.model().name();
		int version = prediction.model().version();
		if (request.pixels() != null) {
			double[] output = prediction.outputs()[0];
			return new SingleResponse(model, version, output, Network.argmax(output));
		}
		List<Output> predictions = new ArrayList<>(prediction.outputs().length);
		for (double[] output : prediction.outputs()) {
			predictions.add(new Output(output, Network.argmax(output)));
		}
		return new BatchResponse(model, version, predictions);
	}

	/** The answer for {@code pixels}. */
	record SingleResponse(String model, int version, double[] output, int digit) {

	}

	/** The answer for {@code instances}, one entry per image, in order. */
	record BatchResponse(String model, int version, List<Output> predictions) {

	}

	/** One image's output activations and their argmax. */
	record Output(double[] output, int digit) {

	}

}
