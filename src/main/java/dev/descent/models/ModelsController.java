package dev.descent.models;

import java.io.IOException;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /models}: list models and versions, read a version's metadata, delete a version,
 * move and delete aliases. Names are checked here as well as in the repository, so a bad
 * one is a 400 naming it before anything else runs; version numbers arrive as text so
 * that anything but an integer ≥ 1 is a 400 naming {@code version}.
 */
@RestController
@RequestMapping("/models")
class ModelsController {

	private final ModelRepository repository;

	ModelsController(ModelRepository repository) {
		this.repository = repository;
	}

	@GetMapping
	List<ModelSummary> list() {
		return this.repository.list();
	}

	@GetMapping("/{name}/versions")
	List<ModelVersion> versions(@PathVariable String name) {
		return this.repository.versions(ModelNames.require(name, "name"));
	}

	@GetMapping("/{name}/versions/{version}")
	ModelVersion version(@PathVariable String name, @PathVariable String version) {
		return this.repository.version(ModelNames.require(name, "name"), ModelNames.parseVersion(version));
	}

	@DeleteMapping("/{name}/versions/{version}")
	ResponseEntity<Void> deleteVersion(@PathVariable String name, @PathVariable String version) throws IOException {
		this.repository.deleteVersion(ModelNames.require(name, "name"), ModelNames.parseVersion(version));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{name}/aliases/{alias}")
	ModelSummary putAlias(@PathVariable String name, @PathVariable String alias, @RequestBody AliasRequest request)
			throws IOException {
		ModelNames.require(name, "name");
		ModelNames.require(alias, "alias");
		if (request.version() == null || request.version() < 1) {
			throw new InvalidModelRequestException("version",
					"version must be an integer >= 1, got " + request.version());
		}
		return this.repository.putAlias(name, alias, request.version());
	}

	@DeleteMapping("/{name}/aliases/{alias}")
	ResponseEntity<Void> deleteAlias(@PathVariable String name, @PathVariable String alias) throws IOException {
		this.repository.deleteAlias(ModelNames.require(name, "name"), ModelNames.require(alias, "alias"));
		return ResponseEntity.noContent().build();
	}

	/** The body of {@code PUT /models/{name}/aliases/{alias}}. */
	record AliasRequest(Integer version) {

	}

}
