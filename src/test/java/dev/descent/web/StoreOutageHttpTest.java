package dev.descent.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import dev.descent.datasets.DatasetSamples;
import dev.descent.datasets.DatasetStore;
import dev.descent.datasets.MultipartBody;
import dev.descent.jobs.JobStore;
import dev.descent.models.ModelFixtures;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.sweeps.SweepStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service over real HTTP while its stores cannot be reached (a double of
 * descent's own store interfaces over the filesystem backend, switched to throw
 * {@code StoreUnavailableException} as the shared backend does when PostgreSQL or S3 is
 * down): every write endpoint family answers 503 problem+json with Retry-After and never
 * 500, the v2 protocol answers 503 with its own body, readiness is DOWN, predictions of a
 * version already loaded keep answering, and everything works again once the stores are
 * back, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descent.mnist.directory=target/mnist", "descent.mnist.fetch-on-startup=false",
				"descent.mnist.mirrors=", "management.endpoint.health.group.readiness.show-components=always" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageHttpTest {

	static final StoreOutage OUTAGE = new StoreOutage();

	static final Path DATA_DIR = temporaryDataDir();

	@LocalServerPort
	int port;

	@Autowired
	ModelRepository repository;

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", DATA_DIR::toString);
	}

	private static Path temporaryDataDir() {
		try {
			return Files.createTempDirectory("descent-outage");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	void deleteDataDir() throws IOException {
		FileSystemUtils.deleteRecursively(DATA_DIR);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Outages {

		@Bean
		@Primary
		ModelStore switchedModelStore(ModelStore modelStore) {
			return OUTAGE.wrap(ModelStore.class, "models", modelStore);
		}

		@Bean
		@Primary
		JobStore switchedJobStore(JobStore jobStore) {
			return OUTAGE.wrap(JobStore.class, "jobs", jobStore);
		}

		@Bean
		@Primary
		DatasetStore switchedDatasetStore(DatasetStore datasetStore) {
			return OUTAGE.wrap(DatasetStore.class, "datasets", datasetStore);
		}

		@Bean
		@Primary
		SweepStore switchedSweepStore(SweepStore sweepStore) {
			return OUTAGE.wrap(SweepStore.class, "sweeps", sweepStore);
		}

	}

	@BeforeAll
	void twoVersionsTheFirstLoaded() throws Exception {
		this.repository.register("outage", ModelFixtures.network(1), ModelFixtures.provenance());
		this.repository.register("outage", ModelFixtures.network(2), ModelFixtures.provenance());
		assertThat(send(post("/predict", predictBody(1))).statusCode()).isEqualTo(200);
	}

	@AfterEach
	void storesBack() {
		OUTAGE.end();
	}

	@Test
	void everyWriteFamilyAnswers503WithRetryAfterAndNever500() throws Exception {
		OUTAGE.begin();
		assertStoreUnavailable(send(post("/jobs", "{\"epochs\":1,\"trainingLimit\":10}")), "jobs");
		assertStoreUnavailable(send(put("/models/outage/aliases/production", "{\"version\":1}")), "models");
		assertStoreUnavailable(send(delete("/models/outage/versions/2")), "models");
		MultipartBody upload = new MultipartBody().field("name", "outage-set")
			.file("train", DatasetSamples.csv(DatasetSamples.training(), DatasetSamples.TRAIN, true).getBytes())
			.file("test", DatasetSamples.csv(DatasetSamples.test(), DatasetSamples.TEST, false).getBytes());
		assertStoreUnavailable(send(
				request("/datasets").header("Content-Type", upload.contentType()).POST(upload.publisher()).build()),
				"datasets");
		assertStoreUnavailable(send(delete("/datasets/outage-set")), "datasets");
		assertStoreUnavailable(
				send(post("/sweeps",
						"{\"base\":{\"model\":\"outage-sweep\",\"epochs\":1,\"trainingLimit\":10,\"validationSize\":5},"
								+ "\"space\":{\"learningRate\":{\"values\":[0.5,1.0]}},\"algorithm\":\"grid\"}")),
				"sweeps");
	}

	@Test
	void nothingRefusedIsKeptOnceTheStoresAreBack() throws Exception {
		int jobs = this.json.readTree(send(get("/jobs")).body()).size();
		int sweeps = this.json.readTree(send(get("/sweeps")).body()).size();
		OUTAGE.begin();
		send(post("/jobs", "{\"epochs\":1,\"trainingLimit\":10}"));
		send(post("/sweeps",
				"{\"base\":{\"model\":\"outage-sweep\",\"epochs\":1,\"trainingLimit\":10,\"validationSize\":5},"
						+ "\"space\":{\"learningRate\":{\"values\":[0.5,1.0]}},\"algorithm\":\"grid\"}"));
		OUTAGE.end();
		assertThat(this.json.readTree(send(get("/jobs")).body()).size()).isEqualTo(jobs);
		assertThat(this.json.readTree(send(get("/sweeps")).body()).size()).isEqualTo(sweeps);
	}

	@Test
	void theProtocolAnswers503WithItsOwnBodyForAVersionNotLoaded() throws Exception {
		OUTAGE.begin();
		HttpResponse<String> response = send(post("/v2/models/outage/versions/2/infer", inferBody()));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(this.json.readTree(response.body()).path("error").asString())
			.isEqualTo("the models store cannot be reached now; retry later");
	}

	@Test
	void aVersionAlreadyLoadedKeepsPredictingWhileTheStoresAreDown() throws Exception {
		OUTAGE.begin();
		HttpResponse<String> predict = send(post("/predict", predictBody(1)));
		assertThat(predict.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(predict.body()).path("version").asInt()).isEqualTo(1);
		HttpResponse<String> infer = send(post("/v2/models/outage/versions/1/infer", inferBody()));
		assertThat(infer.statusCode()).isEqualTo(200);
		assertStoreUnavailable(send(post("/predict", predictBody(2))), "models");
	}

	@Test
	void readinessIsDownWhileAStoreIsDownAndUpAfterwards() throws Exception {
		OUTAGE.begin();
		HttpResponse<String> down = send(get("/actuator/health/readiness"));
		assertThat(down.statusCode()).isEqualTo(503);
		JsonNode readiness = this.json.readTree(down.body());
		assertThat(readiness.path("status").asString()).isEqualTo("DOWN");
		for (String store : List.of("modelRepository", "jobStore", "datasetStore")) {
			assertThat(readiness.at("/components/" + store + "/status").asString()).as(store).isEqualTo("DOWN");
		}
		assertThat(send(get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		OUTAGE.end();
		JsonNode up = this.json.readTree(send(get("/actuator/health/readiness")).body());
		for (String store : List.of("modelRepository", "jobStore", "datasetStore")) {
			assertThat(up.at("/components/" + store + "/status").asString()).as(store).isEqualTo("UP");
		}
	}

	@Test
	void writesSucceedAgainWhenTheStoresAreBackWithoutARestart() throws Exception {
		OUTAGE.begin();
		assertThat(send(put("/models/outage/aliases/staging", "{\"version\":2}")).statusCode()).isEqualTo(503);
		OUTAGE.end();
		assertThat(send(put("/models/outage/aliases/staging", "{\"version\":2}")).statusCode()).isEqualTo(200);
		assertThat(send(delete("/models/outage/aliases/staging")).statusCode()).isEqualTo(204);
		HttpResponse<String> job = send(post("/jobs", "{\"epochs\":1,\"trainingLimit\":10,\"model\":\"back\"}"));
		assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
		String id = this.json.readTree(job.body()).path("id").asString();
		assertThat(send(delete("/jobs/" + id)).statusCode()).isIn(200, 202, 409);
	}

	private void assertStoreUnavailable(HttpResponse<String> response, String store) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://descent.dev/problems/store-unavailable");
		assertThat(problem.path("title").asString()).isEqualTo("Store unavailable");
		assertThat(problem.path("store").asString()).isEqualTo(store);
		assertThat(problem.path("detail").asString())
			.isEqualTo("the " + store + " store cannot be reached now; nothing was changed, retry later");
	}

	private static String predictBody(int version) {
		return "{\"model\":\"outage\",\"version\":" + version + ",\"pixels\":" + pixels() + "}";
	}

	private static String inferBody() {
		return "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":" + pixels() + "}]}";
	}

	private static String pixels() {
		return DoubleStream.generate(() -> 0.5)
			.limit(784)
			.mapToObj(Double::toString)
			.collect(Collectors.joining(",", "[", "]"));
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest get(String path) {
		return request(path).GET().build();
	}

	private HttpRequest delete(String path) {
		return request(path).DELETE().build();
	}

	private HttpRequest post(String path, String body) {
		return request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpRequest put(String path, String body) {
		return request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

}
