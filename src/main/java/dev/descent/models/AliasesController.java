package dev.descent.models;

import java.io.IOException;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /models/{name}/aliases/{alias}}: move (with conditions), delete, roll back, read
 * the history, read and set the policy. Every change records who made it: the
 * authenticated key's configured name, or {@link AliasMove#OPEN} when the API has no
 * keys.
 */
@RestController
@RequestMapping("/models/{name}/aliases/{alias}")
class AliasesController {

	private final ModelRepository repository;

	AliasesController(ModelRepository repository) {
		this.repository = repository;
	}

	@PutMapping
	ModelSummary put(@PathVariable String name, @PathVariable String alias, @RequestBody AliasRequest request,
			Principal key) throws IOException {
		names(name, alias);
		if (request.version() == null || request.version() < 1) {
			throw new InvalidModelRequestException("version",
					"version must be an integer >= 1, got " + request.version());
		}
		AliasPolicy conditions = new AliasPolicy(request.minAccuracy(), request.mustBeatCurrent(), request.margin());
		return this.repository.putAlias(name, alias,
				new AliasChange(request.version(), conditions, by(key), request.reason()));
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String alias,
			@RequestParam(required = false) String reason, Principal key) throws IOException {
		names(name, alias);
		this.repository.deleteAlias(name, alias, by(key), reason);
		return ResponseEntity.noContent().build();
	}

	/** Moves the alias back to the version it held before; the body is optional. */
	@PostMapping("/rollback")
	AliasState rollback(@PathVariable String name, @PathVariable String alias,
			@RequestBody(required = false) ReasonRequest request, Principal key) throws IOException {
		names(name, alias);
		return this.repository.rollback(name, alias, by(key), (request != null) ? request.reason() : null);
	}

	/** Every move of the alias, newest first. */
	@GetMapping("/history")
	List<AliasMove> history(@PathVariable String name, @PathVariable String alias) throws IOException {
		names(name, alias);
		return this.repository.aliasHistory(name, alias);
	}

	@GetMapping("/policy")
	AliasPolicy policy(@PathVariable String name, @PathVariable String alias) throws IOException {
		names(name, alias);
		return this.repository.policy(name, alias);
	}

	@PutMapping("/policy")
	AliasPolicy putPolicy(@PathVariable String name, @PathVariable String alias, @RequestBody AliasPolicy policy,
			Principal key) throws IOException {
		names(name, alias);
		return this.repository.putPolicy(name, alias, policy, by(key));
	}

	private static void names(String name, String alias) {
		ModelNames.require(name, "name");
		ModelNames.require(alias, "alias");
	}

	/**
	 * @return the key's configured name, or {@link AliasMove#OPEN} when there is no key
	 * (an open API)
	 */
	static String by(Principal key) {
		return (key != null) ? key.getName() : AliasMove.OPEN;
	}

	/**
	 * The body of {@code PUT /models/{name}/aliases/{alias}}.
	 *
	 * @param version where the alias is to point
	 * @param minAccuracy optional: the least accuracy the version must have
	 * @param mustBeatCurrent optional: whether it must beat the current version by
	 * {@code margin}
	 * @param margin optional, with mustBeatCurrent
	 * @param reason optional, recorded in the history
	 */
	record AliasRequest(Integer version, Double minAccuracy, Boolean mustBeatCurrent, Double margin, String reason) {

	}

	/** The optional body of a rollback. */
	record ReasonRequest(String reason) {

	}

}
