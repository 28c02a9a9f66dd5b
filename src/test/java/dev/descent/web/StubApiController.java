package dev.descent.web;

import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-ins for the API's endpoints, so the security rules are tested by method and path
 * alone, whatever the real controllers do.
 */
@RestController
class StubApiController {

	@GetMapping({ "/jobs", "/jobs/{id}", "/models", "/models/{name}/versions", "/datasets/mnist/test/{index}" })
	Map<String, String> read() {
		return Map.of("ok", "read");
	}

	@PostMapping({ "/jobs", "/datasets", "/models/{name}/versions" })
	Map<String, String> create(@RequestBody(required = false) String body) {
		return Map.of("ok", "write");
	}

	@PostMapping("/predict")
	Map<String, String> predict(@RequestBody Map<String, Object> body) {
		return Map.of("ok", "predict");
	}

	@PutMapping("/models/{name}/aliases/{alias}")
	Map<String, String> put(@PathVariable String name, @RequestBody(required = false) String body) {
		return Map.of("ok", "write");
	}

	@PatchMapping("/jobs/{id}")
	Map<String, String> patch(@PathVariable String id) {
		return Map.of("ok", "write");
	}

	@DeleteMapping({ "/jobs/{id}", "/models/{name}/versions/{version}", "/models/{name}/aliases/{alias}",
			"/datasets/{name}" })
	Map<String, String> delete() {
		return Map.of("ok", "write");
	}

}
