package dev.descent.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ModelsController.class)
@AutoConfigureMockMvc(addFilters = false)
class ModelsControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ModelRepository repository;

	@Test
	void listsModelsWithLatestVersionAndAliases() throws Exception {
		given(this.repository.list()).willReturn(List.of(new ModelSummary("mnist", 3, Map.of("production", 2))));
		this.mvc.perform(get("/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("mnist"))
			.andExpect(jsonPath("$[0].latestVersion").value(3))
			.andExpect(jsonPath("$[0].aliases.production").value(2));
	}

	@Test
	void versionShowsItsMetadataFlatWithStatus() throws Exception {
		ModelMetadata metadata = ModelMetadata.of("mnist", 3, ModelFixtures.network(1).spec(),
				ModelFixtures.provenance(), "ab12", Instant.parse("2026-11-23T15:30:12Z"));
		given(this.repository.version("mnist", 3)).willReturn(ModelVersion.ok(metadata));
		this.mvc.perform(get("/models/mnist/versions/3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("mnist"))
			.andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.createdAt").value("2026-11-23T15:30:12Z"))
			.andExpect(jsonPath("$.layers[1]").value(3))
			.andExpect(jsonPath("$.optimizer.name").value("momentum"))
			.andExpect(jsonPath("$.optimizer.learningRate").value(0.5))
			.andExpect(jsonPath("$.history[1].accuracy").value(0.9))
			.andExpect(jsonPath("$.accuracy").value(0.9))
			.andExpect(jsonPath("$.dataset.name").value("mnist"))
			.andExpect(jsonPath("$.weightsSha256").value("ab12"))
			.andExpect(jsonPath("$.status").value("OK"))
			.andExpect(jsonPath("$.problem").isEmpty())
			.andExpect(jsonPath("$.metadata").doesNotExist())
			.andExpect(jsonPath("$.corrupt").doesNotExist());
	}

	@Test
	void corruptVersionStillAnswersWithItsProblem() throws Exception {
		given(this.repository.version("mnist", 3))
			.willReturn(ModelVersion.unreadable("mnist", 3, "version 3 of model mnist has unreadable metadata"));
		this.mvc.perform(get("/models/mnist/versions/3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CORRUPT"))
			.andExpect(jsonPath("$.problem").value("version 3 of model mnist has unreadable metadata"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "abc", "1.5", "99999999999" })
	void versionMustBeAPositiveInteger(String version) throws Exception {
		expectProblem(this.mvc.perform(get("/models/mnist/versions/" + version)), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("version must be an integer >= 1, got '" + version + "'"))
			.andExpect(jsonPath("$.errors[0].field").value("version"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "%2e%2e", "..", "Mnist", "a%2Fb", "a%00b", "-x" })
	void badNamesInPathsAreRejected(String name) throws Exception {
		expectProblem(this.mvc.perform(get("/models/" + name + "/versions")), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		then(this.repository).shouldHaveNoInteractions();
	}

	@Test
	void unknownModelIsNotFound() throws Exception {
		given(this.repository.versions(eq("nope"), any())).willThrow(new ModelNotFoundException("nope"));
		expectProblem(this.mvc.perform(get("/models/nope/versions")), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("no model named 'nope'"));
	}

	@Test
	void deletingAVersionAnswersNoContent() throws Exception {
		this.mvc.perform(delete("/models/mnist/versions/2")).andExpect(status().isNoContent());
		then(this.repository).should().deleteVersion("mnist", 2);
	}

	@Test
	void deletingAnAliasedVersionIsAConflict() throws Exception {
		willThrow(new ModelConflictException("mnist", "version 2 of model mnist is the target of alias 'production'"))
			.given(this.repository)
			.deleteVersion("mnist", 2);
		expectProblem(this.mvc.perform(delete("/models/mnist/versions/2")), 409, "conflict")
			.andExpect(jsonPath("$.detail").value("version 2 of model mnist is the target of alias 'production'"));
	}

	static ResultActions expectProblem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/" + type));
	}

}
