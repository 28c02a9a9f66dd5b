package dev.descent.oip;

import java.io.InputStream;
import java.util.List;

import dev.descent.models.ModelNames;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelVersion;
import dev.descent.predict.PredictProperties;
import dev.descent.predict.Prediction;
import dev.descent.predict.PredictionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The protocol's per-model endpoints: metadata, readiness and inference, for the default
 * version (the {@code production} alias, else the latest, as {@code POST /predict}) or a
 * version by number. Inference goes through {@link PredictionService}, so it is cached,
 * counted and timed exactly as {@code /predict}'s.
 */
@RestController
@RequestMapping("/v2/models/{name}")
@Tag(name = "Open Inference Protocol (v2)")
class ModelController {

	private final ModelRepository repository;

	private final PredictionService predictions;

	private final JsonMapper json;

	private final InferenceReader reader;

	private final int maxImages;

	ModelController(ModelRepository repository, PredictionService predictions, PredictProperties properties,
			JsonMapper json) {
		this.repository = repository;
		this.predictions = predictions;
		this.json = json;
		this.maxImages = properties.maxInstances();
		this.reader = new InferenceReader(this.maxImages);
	}

	@GetMapping
	@Operation(summary = "Model metadata: every version, the input and the outputs")
	ModelMetadataResponse metadata(@PathVariable String name) {
		List<String> versions = this.repository.versions(name)
			.stream()
			.map((version) -> Integer.toString(version.version()))
			.toList();
		return ModelMetadataResponse.of(name, versions);
	}

	@GetMapping("/versions/{version}")
	@Operation(summary = "One version's metadata")
	ModelMetadataResponse metadata(@PathVariable String name, @PathVariable String version) {
		ModelVersion entry = this.repository.version(name, ModelNames.parseVersion(version));
		return ModelMetadataResponse.of(name, List.of(Integer.toString(entry.version())));
	}

	@GetMapping("/ready")
	@Operation(summary = "Whether the default version can serve: 200 ready, 503 not (corrupt)")
	ResponseEntity<ModelReady> ready(@PathVariable String name) {
		ModelRef ref = this.repository.resolve(name, null, null);
		return ready(name, this.repository.version(name, ref.version()));
	}

	@GetMapping("/versions/{version}/ready")
	@Operation(summary = "Whether a version can serve: 200 ready, 503 not (corrupt)")
	ResponseEntity<ModelReady> ready(@PathVariable String name, @PathVariable String version) {
		return ready(name, this.repository.version(name, ModelNames.parseVersion(version)));
	}

	private static ResponseEntity<ModelReady> ready(String name, ModelVersion version) {
		boolean ready = !version.isCorrupt();
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new ModelReady(name, ready));
	}

	@PostMapping("/infer")
	@Operation(summary = "Classify images (input 'pixels') with the default version")
	InferenceResponse infer(@PathVariable String name, InputStream body) {
		return infer(name, (Integer) null, body);
	}

	@PostMapping("/versions/{version}/infer")
	@Operation(summary = "Classify images (input 'pixels') with a version")
	InferenceResponse infer(@PathVariable String name, @PathVariable String version, InputStream body) {
		return infer(name, ModelNames.parseVersion(version), body);
	}

	private InferenceResponse infer(String name, Integer version, InputStream body) {
		InferenceRequest request;
		try (JsonParser parser = this.json.createParser(body)) {
			request = this.reader.read(parser);
		}
		double[][] images = PixelsInput.images(request, name, this.maxImages);
		List<String> outputs = Outputs.select(request.outputs(), name);
		Prediction prediction = this.predictions.predict(name, version, null, images);
		return InferenceResponse.of(prediction, request.id(), outputs);
	}

	/** {@code $ready_model_response}. */
	record ModelReady(String name, boolean ready) {

	}

}
