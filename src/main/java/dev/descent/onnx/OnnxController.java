package dev.descent.onnx;

import java.io.IOException;
import java.net.URI;

import dev.descent.models.ModelNames;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelVersion;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /models/{name}/versions/{version}/model.onnx} exports a version as ONNX;
 * {@code POST /models/{name}/versions} with an .onnx body
 * ({@code application/octet-stream}) imports one as the model's next version. The body is
 * limited as every request body is ({@code descent.limits.max-body-size}).
 */
@RestController
@RequestMapping("/models/{name}/versions")
class OnnxController {

	/** ONNX has no registered media type; this is what its tools serve it as. */
	static final MediaType ONNX = MediaType.APPLICATION_OCTET_STREAM;

	private final OnnxModels onnx;

	private final ModelRepository repository;

	OnnxController(OnnxModels onnx, ModelRepository repository) {
		this.onnx = onnx;
		this.repository = repository;
	}

	@GetMapping("/{version}/model.onnx")
	ResponseEntity<byte[]> export(@PathVariable String name, @PathVariable String version) {
		int number = ModelNames.parseVersion(version);
		byte[] file = this.onnx.export(ModelNames.require(name, "name"), number);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(ONNX);
		headers.setContentDisposition(ContentDisposition.attachment().filename(name + "-v" + number + ".onnx").build());
		return ResponseEntity.ok().headers(headers).body(file);
	}

	@PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<ModelVersion> importVersion(@PathVariable String name, @RequestBody byte[] file) throws IOException {
		ModelRef ref = this.onnx.importVersion(ModelNames.require(name, "name"), file);
		URI location = URI.create("/models/" + ref.name() + "/versions/" + ref.version());
		return ResponseEntity.created(location).body(this.repository.version(ref.name(), ref.version()));
	}

}
