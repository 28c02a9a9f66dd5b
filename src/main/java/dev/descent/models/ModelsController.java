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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /models}: list models, list and search versions, read a version's metadata, tag
 * and delete a version ({@link AliasesController} moves aliases). Names are checked here
 * as well as in the repository, so a bad one is a 400 naming it before anything else
 * runs; version numbers arrive as text so that anything but an integer ≥ 1 is a 400
 * naming {@code version}.
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

	/**
	 * The model's versions, oldest first; with {@code tag} (key:value, repeatable),
	 * {@code minAccuracy} and {@code sort} ({@code [-]version|accuracy|createdAt}) a
	 * search.
	 */
	@GetMapping("/{name}/versions")
	List<ModelVersion> versions(@PathVariable String name, @RequestParam(required = false) List<String> tag,
			@RequestParam(required = false) String minAccuracy, @RequestParam(required = false) String sort) {
		ModelNames.require(name, "name");
		return this.repository.versions(name, VersionQuery.parse(tag, minAccuracy, sort));
	}

	@GetMapping("/{name}/versions/{version}")
	ModelVersion version(@PathVariable String name, @PathVariable String version) {
		return this.repository.version(ModelNames.require(name, "name"), ModelNames.parseVersion(version));
	}

	@PutMapping("/{name}/versions/{version}/tags/{key}")
	ModelVersion putTag(@PathVariable String name, @PathVariable String version, @PathVariable String key,
			@RequestBody TagValue body) throws IOException {
		ModelNames.require(name, "name");
		int number = ModelNames.parseVersion(version);
		Tags.requireKey(key, "key");
		return this.repository.putTag(name, number, key, Tags.requireValue(body.value(), "value"));
	}

	@DeleteMapping("/{name}/versions/{version}/tags/{key}")
	ResponseEntity<Void> deleteTag(@PathVariable String name, @PathVariable String version, @PathVariable String key)
			throws IOException {
		ModelNames.require(name, "name");
		int number = ModelNames.parseVersion(version);
		this.repository.deleteTag(name, number, Tags.requireKey(key, "key"));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{name}/versions/{version}")
	ResponseEntity<Void> deleteVersion(@PathVariable String name, @PathVariable String version) throws IOException {
		this.repository.deleteVersion(ModelNames.require(name, "name"), ModelNames.parseVersion(version));
		return ResponseEntity.noContent().build();
	}

	/** A tag's value, the body of {@code PUT .../tags/{key}}. */
	record TagValue(String value) {

	}

}
