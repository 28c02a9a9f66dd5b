package dev.descent.web;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The 401/403/200 matrix of the API keys, by method and path, against stand-in
 * controllers.
 */
@WebMvcTest(controllers = ApiKeySecurityTest.StubApiController.class)
@Import({ SecurityConfig.class, WebErrorsConfig.class, ApiKeySecurityTest.StubApiController.class })
@EnableConfigurationProperties(ApiSecurityProperties.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeySecurityTest {

	static final String WRITE_KEY = "write-key-6f1d0c8e2b7a4935";

	static final String READ_KEY = "read-key-93ab57e1c40d2f68";

	static final String WRONG_KEY = "wrong-key-0000000000000000";

	static Stream<Arguments> writes() {
		return Stream.of(Arguments.of(HttpMethod.POST, "/jobs"), Arguments.of(HttpMethod.DELETE, "/jobs/j-1"),
				Arguments.of(HttpMethod.PATCH, "/jobs/j-1"), Arguments.of(HttpMethod.POST, "/datasets"),
				Arguments.of(HttpMethod.DELETE, "/datasets/digits"),
				Arguments.of(HttpMethod.DELETE, "/models/mnist/versions/1"),
				Arguments.of(HttpMethod.PUT, "/models/mnist/aliases/production"),
				Arguments.of(HttpMethod.DELETE, "/models/mnist/aliases/production"),
				Arguments.of(HttpMethod.POST, "/models/mnist/versions"), Arguments.of(HttpMethod.POST, "/sweeps"),
				Arguments.of(HttpMethod.DELETE, "/sweeps/s-1"),
				Arguments.of(HttpMethod.POST, "/models/mnist/aliases/production/rollback"),
				Arguments.of(HttpMethod.PUT, "/models/mnist/aliases/production/policy"),
				Arguments.of(HttpMethod.PUT, "/models/mnist/versions/1/tags/stage"),
				Arguments.of(HttpMethod.DELETE, "/models/mnist/versions/1/tags/stage"));
	}

	static Stream<Arguments> reads() {
		return Stream.of(Arguments.of(HttpMethod.GET, "/jobs"), Arguments.of(HttpMethod.GET, "/jobs/j-1"),
				Arguments.of(HttpMethod.GET, "/models"), Arguments.of(HttpMethod.GET, "/models/mnist/versions"),
				Arguments.of(HttpMethod.GET, "/datasets/mnist/test/7"), Arguments.of(HttpMethod.POST, "/predict"),
				Arguments.of(HttpMethod.GET, "/models/mnist/versions/1/model.onnx"),
				Arguments.of(HttpMethod.HEAD, "/jobs"), Arguments.of(HttpMethod.HEAD, "/models/mnist/versions"),
				Arguments.of(HttpMethod.OPTIONS, "/jobs"), Arguments.of(HttpMethod.OPTIONS, "/models/mnist/versions"),
				Arguments.of(HttpMethod.GET, "/sweeps"), Arguments.of(HttpMethod.GET, "/sweeps/s-1"),
				Arguments.of(HttpMethod.GET, "/jobs/j-1/events"), Arguments.of(HttpMethod.GET, "/sweeps/s-1/events"),
				Arguments.of(HttpMethod.GET, "/models/mnist/aliases/production/history"),
				Arguments.of(HttpMethod.GET, "/models/mnist/aliases/production/policy"), Arguments.of(HttpMethod.GET,
						"/models/mnist/versions?tag=stage:candidate&minAccuracy=0.9&sort=-accuracy"));
	}

	static MockHttpServletRequestBuilder call(HttpMethod method, String path, String key) {
		MockHttpServletRequestBuilder request = request(method, path).contentType(MediaType.APPLICATION_JSON)
			.content("{\"pixels\":[0]}");
		return (key != null) ? request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key) : request;
	}

	static void unauthorized(ResultActions result) throws Exception {
		result.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()))
			.andExpect(content().string(not(containsString(WRONG_KEY))));
	}

	@Nested
	@TestPropertySource(properties = { "descent.security.api-keys=other-key-1234567890ab, " + WRITE_KEY,
			"descent.security.read-keys=" + READ_KEY })
	class KeysConfigured {

		@Autowired
		MockMvc mvc;

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#writes")
		void writeWithoutKeyIs401(HttpMethod method, String path) throws Exception {
			unauthorized(this.mvc.perform(call(method, path, null)));
		}

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#writes")
		void writeWithWrongKeyIs401(HttpMethod method, String path) throws Exception {
			unauthorized(this.mvc.perform(call(method, path, WRONG_KEY)));
		}

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#writes")
		void writeWithReadKeyIs403(HttpMethod method, String path) throws Exception {
			this.mvc.perform(call(method, path, READ_KEY))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("insufficient_scope")))
				.andExpect(jsonPath("$.type").value(ProblemTypes.FORBIDDEN.toString()))
				.andExpect(content().string(not(containsString(READ_KEY))));
		}

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#writes")
		void writeWithFullKeyPasses(HttpMethod method, String path) throws Exception {
			this.mvc.perform(call(method, path, WRITE_KEY))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.ok").value("write"));
		}

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#reads")
		void readsAreOpenWithOrWithoutAKey(HttpMethod method, String path) throws Exception {
			this.mvc.perform(call(method, path, null)).andExpect(status().isOk());
			this.mvc.perform(call(method, path, READ_KEY)).andExpect(status().isOk());
			this.mvc.perform(call(method, path, WRITE_KEY)).andExpect(status().isOk());
		}

		@Test
		void wrongKeyOnAnOpenReadIsStill401() throws Exception {
			unauthorized(this.mvc.perform(call(HttpMethod.GET, "/jobs", WRONG_KEY)));
		}

		@Test
		void schemeIsCaseInsensitiveAndOtherSchemesAreNoKey() throws Exception {
			this.mvc
				.perform(call(HttpMethod.POST, "/jobs", null).header(HttpHeaders.AUTHORIZATION, "bearer " + WRITE_KEY))
				.andExpect(status().isOk());
			unauthorized(this.mvc
				.perform(call(HttpMethod.POST, "/jobs", null).header(HttpHeaders.AUTHORIZATION, "Basic " + WRITE_KEY)));
			unauthorized(this.mvc
				.perform(call(HttpMethod.POST, "/jobs", null).header(HttpHeaders.AUTHORIZATION, "Bearer ")));
			unauthorized(this.mvc
				.perform(call(HttpMethod.POST, "/jobs", null).header(HttpHeaders.AUTHORIZATION, "Bearer" + WRITE_KEY)));
		}

		@Test
		void unknownPathsAreWritesSoNeedAKey() throws Exception {
			unauthorized(this.mvc.perform(call(HttpMethod.POST, "/anything", null)));
			unauthorized(this.mvc.perform(call(HttpMethod.POST, "/predict/", null)));
		}

		@Test
		void noSessionCookie(CapturedOutput output) throws Exception {
			this.mvc.perform(call(HttpMethod.POST, "/jobs", WRITE_KEY))
				.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
			assertThat(output).doesNotContain(WRITE_KEY, READ_KEY, WRONG_KEY)
				.doesNotContain("API is open")
				.doesNotContain("security password");
		}

	}

	@Nested
	@TestPropertySource(properties = { "descent.security.api-keys=" + WRITE_KEY,
			"descent.security.read-keys=" + READ_KEY, "descent.security.protect-reads=true" })
	class ReadsProtected {

		@Autowired
		MockMvc mvc;

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#reads")
		void readsNeedAnyKey(HttpMethod method, String path) throws Exception {
			unauthorized(this.mvc.perform(call(method, path, null)));
			unauthorized(this.mvc.perform(call(method, path, WRONG_KEY)));
			this.mvc.perform(call(method, path, READ_KEY)).andExpect(status().isOk());
			this.mvc.perform(call(method, path, WRITE_KEY)).andExpect(status().isOk());
		}

		@Test
		void webPageAndApiDocsStayOpen() throws Exception {
			for (String path : new String[] { "/", "/index.html", "/app.js", "/app.css", "/js/api.js",
					"/swagger-ui/index.html", "/v3/api-docs" }) {
				int status = this.mvc.perform(call(HttpMethod.GET, path, null)).andReturn().getResponse().getStatus();
				assertThat(status).as(path).isNotIn(401, 403);
			}
		}

	}

	@Nested
	@TestPropertySource(properties = { "descent.security.api-keys= , ", "descent.security.read-keys=" })
	class NoKeys {

		@Autowired
		MockMvc mvc;

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("dev.descent.web.ApiKeySecurityTest#writes")
		void everythingIsOpen(HttpMethod method, String path) throws Exception {
			this.mvc.perform(call(method, path, null)).andExpect(status().isOk());
			this.mvc.perform(call(method, path, WRONG_KEY)).andExpect(status().isOk());
		}

		@Test
		void warnsThatTheApiIsOpen(CapturedOutput output) throws Exception {
			assertThat(output).contains("WARN")
				.contains("descent.security.api-keys is not set: the API is open to anyone who can reach it");
		}

	}

	/**
	 * Stand-ins for the API's endpoints, so the security rules are tested by method and
	 * path alone, whatever the real controllers do.
	 */
	@RestController
	static class StubApiController {

		@GetMapping({ "/jobs", "/jobs/{id}", "/models", "/models/{name}/versions", "/datasets/mnist/test/{index}",
				"/sweeps", "/sweeps/{id}", "/jobs/{id}/events", "/sweeps/{id}/events",
				"/models/{name}/versions/{version}/model.onnx", "/models/{name}/aliases/{alias}/history",
				"/models/{name}/aliases/{alias}/policy" })
		Map<String, String> read() {
			return Map.of("ok", "read");
		}

		@PostMapping({ "/jobs", "/datasets", "/models/{name}/versions", "/sweeps",
				"/models/{name}/aliases/{alias}/rollback" })
		Map<String, String> create(@RequestBody(required = false) String body) {
			return Map.of("ok", "write");
		}

		@PostMapping("/predict")
		Map<String, String> predict(@RequestBody Map<String, Object> body) {
			return Map.of("ok", "predict");
		}

		@PutMapping({ "/models/{name}/aliases/{alias}", "/models/{name}/aliases/{alias}/policy",
				"/models/{name}/versions/{version}/tags/{key}" })
		Map<String, String> put(@PathVariable String name, @RequestBody(required = false) String body) {
			return Map.of("ok", "write");
		}

		@PatchMapping("/jobs/{id}")
		Map<String, String> patch(@PathVariable String id) {
			return Map.of("ok", "write");
		}

		@DeleteMapping({ "/jobs/{id}", "/models/{name}/versions/{version}", "/models/{name}/aliases/{alias}",
				"/datasets/{name}", "/sweeps/{id}", "/models/{name}/versions/{version}/tags/{key}" })
		Map<String, String> delete() {
			return Map.of("ok", "write");
		}

	}

}
