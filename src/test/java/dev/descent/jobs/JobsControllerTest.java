package dev.descent.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.descent.datasets.DatasetProvider;
import dev.descent.engine.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(JobsController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(JobRequestValidator.class)
@EnableConfigurationProperties(JobsProperties.class)
class JobsControllerTest {

	private static final String INVALID = "https://descent.dev/problems/invalid-request";

	private static final String MALFORMED = "https://descent.dev/problems/malformed-body";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private JobService jobs;

	@MockitoBean
	private DatasetProvider datasets;

	@MockitoBean
	private JobEvents events;

	@Test
	void acceptsAnEmptyBodyWith202AndLocation() throws Exception {
		given(this.jobs.submit(any())).willReturn(job("j-1"));
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/jobs/j-1"))
			.andExpect(jsonPath("$.id").value("j-1"))
			.andExpect(jsonPath("$.state").value("QUEUED"))
			.andExpect(jsonPath("$.epochsCompleted").value(0))
			.andExpect(jsonPath("$.request.layers[1]").value(30));
	}

	@Test
	void acceptsAnUploadedDataSet() throws Exception {
		given(this.datasets.exists("mine")).willReturn(true);
		given(this.jobs.submit(any())).willReturn(job("j-3"));
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"dataset\": \"mine\"}"))
			.andExpect(status().isAccepted());
	}

	@Test
	void acceptsNoBodyAtAll() throws Exception {
		given(this.jobs.submit(any())).willReturn(job("j-2"));
		this.mvc.perform(post("/jobs")).andExpect(status().isAccepted());
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"layers": [100, 30, 10]}           | layers[0]
			{"layers": [784, 30, 9]}            | layers[2]
			{"layers": [784, 0, 10]}            | layers[1]
			{"layers": [784]}                   | layers
			{"layers": [784, 10000, 10]}        | layers
			{"epochs": 0}                       | epochs
			{"epochs": 1001}                    | epochs
			{"batchSize": 0}                    | batchSize
			{"batchSize": 60001}                | batchSize
			{"learningRate": 0}                 | learningRate
			{"learningRate": -1}                | learningRate
			{"learningRate": "NaN"}             | learningRate
			{"learningRate": "Infinity"}        | learningRate
			{"learningRate": 1e400}             | learningRate
			{"l2": -0.1}                        | l2
			{"learningRateDecay": 0}            | learningRateDecay
			{"learningRateDecay": 1.01}         | learningRateDecay
			{"learningRateDecay": "NaN"}        | learningRateDecay
			{"trainingLimit": 0}                | trainingLimit
			{"trainingLimit": 60001}            | trainingLimit
			{"earlyStopping": -1}               | earlyStopping
			{"threads": 0}                      | threads
			{"threads": 65}                     | threads
			{"momentum": 1.0}                   | momentum
			{"cost": "hinge"}                   | cost
			{"hiddenActivation": "softmax"}     | hiddenActivation
			{"outputActivation": "relu"}        | outputActivation
			{"optimizer": "adagrad"}            | optimizer
			{"init": "xavier"}                  | init
			{"model": "../etc"}                 | model
			{"model": "Mnist"}                  | model
			{"dataset": "cifar"}                | dataset
			{"timeLimit": "5 minutes"}          | timeLimit
			{"timeLimit": "PT0S"}               | timeLimit
			""")
	void rejectsOutOfRangeValuesNamingTheField(String body, String field) throws Exception {
		expectInvalid(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body), field, INVALID);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"epoch": 3}                        | epoch
			{"epochs": "many"}                  | epochs
			{"epochs": 1.5}                     | epochs
			{"layers": [784, "x", 10]}          | layers[1]
			{"layers": 784}                     | layers
			{"seed": "abc"}                     | seed
			{"epochs": 99999999999}             | epochs
			{"seed": 99999999999999999999}      | seed
			{"cost": 3, "model": ["a"]}         | model
			""")
	void rejectsUnknownFieldsAndWrongTypesNamingTheField(String body, String field) throws Exception {
		expectInvalid(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body), field, INVALID);
	}

	@Test
	void rejectsTooManyParametersSayingHowMany() throws Exception {
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"layers\": [784, 7000, 10]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("5565010")))
			.andExpect(jsonPath("$.detail").value(containsString("5000000")));
	}

	@Test
	void rejectsNonNumericLiteralsNamingTheField() throws Exception {
		expectInvalid(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"learningRate\": NaN}"),
				"learningRate", INVALID);
		expectInvalid(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"l2\": -Infinity}"), "l2",
				INVALID);
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"epochs\": 3,"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(MALFORMED))
			.andExpect(jsonPath("$.detail").value(startsWith("the body is not valid JSON")));
	}

	@Test
	void rejectsABodyThatIsNotAnObject() throws Exception {
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(MALFORMED));
	}

	@Test
	void reportsEveryInvalidField() throws Exception {
		this.mvc
			.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"epochs\": 0, \"batchSize\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.detail").value(containsString("and 1 more")));
	}

	@Test
	void unsupportedMediaTypeIs415Problem() throws Exception {
		this.mvc.perform(post("/jobs").contentType(MediaType.TEXT_PLAIN).content("epochs=3"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(INVALID));
	}

	@Test
	void methodNotAllowedIs405Problem() throws Exception {
		this.mvc.perform(put("/jobs"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(INVALID));
	}

	@Test
	void fullQueueIs429WithRetryAfter() throws Exception {
		given(this.jobs.submit(any())).willThrow(JobsUnavailableException.queueFull(64, Duration.ofSeconds(30)));
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/queue-full"));
	}

	@Test
	void shuttingDownIs503WithRetryAfterAndItsOwnType() throws Exception {
		given(this.jobs.submit(any())).willThrow(JobsUnavailableException.shuttingDown(Duration.ofSeconds(20)));
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "20"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/shutting-down"))
			.andExpect(jsonPath("$.title").value("Service shutting down"))
			.andExpect(jsonPath("$.detail").value("the service is shutting down and accepts no jobs"));
	}

	@Test
	void tooLargeUploadsAre413Problems() throws Exception {
		given(this.jobs.submit(any())).willThrow(new MaxUploadSizeExceededException(1024));
		this.mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/payload-too-large"))
			.andExpect(jsonPath("$.detail").value(containsString("1024 bytes")));
	}

	@Test
	void unknownJobIs404Problem() throws Exception {
		given(this.jobs.get("j-404")).willThrow(new JobNotFoundException("j-404"));
		this.mvc.perform(get("/jobs/j-404"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/not-found"))
			.andExpect(jsonPath("$.detail").value(containsString("j-404")));
	}

	@Test
	void aJobShowsItsEpochsCompletedBesideItsHistory() throws Exception {
		Job running = job("j-1").started(Instant.now())
			.withEpoch(new EpochResult(1, 0.5, 80, 100, 1.0))
			.withEpoch(new EpochResult(2, 0.25, 90, 100, 1.0));
		given(this.jobs.get("j-1")).willReturn(running);
		this.mvc.perform(get("/jobs/j-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.epochsCompleted").value(2))
			.andExpect(jsonPath("$.history.length()").value(2))
			.andExpect(jsonPath("$.history[1].accuracy").value(0.9));
	}

	@Test
	void malformedJobIdIs400() throws Exception {
		expectInvalid(get("/jobs/bad_id"), "id", INVALID);
		expectInvalid(get("/jobs/" + "a".repeat(65)), "id", INVALID);
	}

	@Test
	void listIsPagedNewestFirst() throws Exception {
		given(this.jobs.list(JobState.QUEUED)).willReturn(List.of(job("j-3"), job("j-2"), job("j-1")));
		this.mvc.perform(get("/jobs").param("state", "QUEUED").param("page", "1").param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(1))
			.andExpect(jsonPath("$.content[0].id").value("j-1"))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.totalElements").value(3));
	}

	@Test
	void listRejectsBadParameters() throws Exception {
		expectInvalid(get("/jobs").param("state", "SLEEPING"), "state", INVALID);
		expectInvalid(get("/jobs").param("size", "101"), "size", INVALID);
		expectInvalid(get("/jobs").param("page", "-1"), "page", INVALID);
		expectInvalid(get("/jobs").param("page", "x"), "page", INVALID);
	}

	@Test
	void cancellingAFinishedJobIs409() throws Exception {
		given(this.jobs.cancel("j-1")).willThrow(new JobConflictException("j-1", "job j-1 has already finished"));
		this.mvc.perform(delete("/jobs/j-1"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/conflict"));
	}

	@Test
	void unexpectedErrorsAre500WithoutInternals() throws Exception {
		given(this.jobs.get("j-1")).willThrow(new IllegalStateException("secret /etc/passwd"));
		this.mvc.perform(get("/jobs/j-1"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/internal"))
			.andExpect(content().string(not(containsString("secret"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
	}

	private void expectInvalid(org.springframework.test.web.servlet.RequestBuilder request, String field, String type)
			throws Exception {
		ResultActions result = this.mvc.perform(request);
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(type))
			.andExpect(jsonPath("$.title").exists())
			.andExpect(jsonPath("$.detail").value(startsWith(field + ": ")))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").isString());
	}

	static Job job(String id) {
		return Job.queued(id, JobRequest.empty().withDefaults(new java.util.Random(1), null), Instant.now());
	}

}
