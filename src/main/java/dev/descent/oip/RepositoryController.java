package dev.descent.oip;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelSummary;
import dev.descent.models.ModelVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model repository extension (as Triton defines it):
 * {@code POST /v2/repository/index} lists every version of every model with its state,
 * READY or UNAVAILABLE (corrupt, with the reason). It changes nothing, so it counts as a
 * read for API keys. Load and unload are refused: descent loads a version on its first
 * request and keeps the recently used ones in memory.
 */
@RestController
@RequestMapping("/v2/repository")
@Tag(name = "Open Inference Protocol (v2)")
class RepositoryController {

	static final String READY = "READY";

	static final String UNAVAILABLE = "UNAVAILABLE";

	private final ModelRepository repository;

	private final JsonMapper json;

	RepositoryController(ModelRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json;
	}

	@PostMapping("/index")
	@Operation(summary = "Every model version and its state; body {\"ready\": true} for the ready ones only")
	List<IndexEntry> index(InputStream body) {
		boolean readyOnly;
		try (JsonParser parser = this.json.createParser(body)) {
			readyOnly = readyOnly(parser);
		}
		List<IndexEntry> entries = new ArrayList<>();
		for (ModelSummary model : this.repository.list()) {
			List<ModelVersion> versions = this.repository.versions(model.name());
			if (versions.isEmpty() && !readyOnly) {
				entries.add(new IndexEntry(model.name(), null, UNAVAILABLE, "the model has no versions"));
			}
			for (ModelVersion version : versions) {
				if (!readyOnly || !version.isCorrupt()) {
					entries.add(entry(model.name(), version));
				}
			}
		}
		return entries;
	}

	@PostMapping({ "/models/{name}/load", "/models/{name}/unload" })
	@Operation(summary = "Refused (400): descent loads versions on first use")
	void load(@PathVariable String name) {
		throw new InvalidInferenceException("load and unload are not supported: descent loads a model version "
				+ "on its first request and keeps the recently used ones in memory");
	}

	private static IndexEntry entry(String name, ModelVersion version) {
		String number = Integer.toString(version.version());
		return version.isCorrupt() ? new IndexEntry(name, number, UNAVAILABLE, version.problem())
				: new IndexEntry(name, number, READY, "");
	}

	/** An empty body, or {@code {"ready": true|false}}. */
	private static boolean readyOnly(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first == null) {
			return false;
		}
		if (first != JsonToken.START_OBJECT) {
			throw new InvalidInferenceException("the body must be empty or a JSON object such as {\"ready\": true}");
		}
		boolean ready = false;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken token = parser.nextToken();
			if ("ready".equals(field)) {
				if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
					throw new InvalidInferenceException("ready must be true or false");
				}
				ready = token == JsonToken.VALUE_TRUE;
			}
			else {
				parser.skipChildren();
			}
		}
		return ready;
	}

	/**
	 * One entry of {@code $repository_index_response}.
	 *
	 * @param version left out for a model whose versions were all deleted
	 * @param reason why it is UNAVAILABLE; empty when READY
	 */
	record IndexEntry(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String version, String state,
			String reason) {

	}

}
