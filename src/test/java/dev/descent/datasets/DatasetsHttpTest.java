package dev.descent.datasets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service over real HTTP: each upload form trains a job whose model predicts
 * and records the data set it saw; the servlet container's multipart limit answers 413.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descent.datasets.max-upload-size=1MB", "descent.mnist.directory=target/mnist",
				"descent.mnist.fetch-on-startup=false" })
class DatasetsHttpTest {

	@TempDir
	static Path dataDir;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", dataDir::toString);
	}

	@Test
	void trainsOnRawIdx() throws Exception {
		MultipartBody body = new MultipartBody().field("name", "raw-idx");
		for (var part : DatasetSamples.idxParts(false)) {
			body.file(part.getName(), part.getBytes());
		}
		uploadTrainAndPredict(body, "raw-idx");
	}

	@Test
	void trainsOnGzipIdx() throws Exception {
		MultipartBody body = new MultipartBody().field("name", "gzip-idx");
		for (var part : DatasetSamples.idxParts(true)) {
			body.file(part.getName(), part.getBytes());
		}
		uploadTrainAndPredict(body, "gzip-idx");
	}

	@Test
	void trainsOnCsv() throws Exception {
		MultipartBody body = new MultipartBody().field("name", "from-csv")
			.file("train", DatasetSamples.csv(DatasetSamples.training(), DatasetSamples.TRAIN, true).getBytes())
			.file("test", DatasetSamples.csv(DatasetSamples.test(), DatasetSamples.TEST, false).getBytes());
		uploadTrainAndPredict(body, "from-csv");
	}

	@Test
	void unknownDataSetIsABadJobRequest() throws Exception {
		HttpResponse<String> response = postJson("/jobs", "{\"dataset\":\"nope\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).at("/errors/0/field").asString()).isEqualTo("dataset");
	}

	@Test
	void overTheLimitIs413ProblemJson() throws Exception {
		HttpResponse<String> response = post(new MultipartBody().file("trainImages", new byte[1_200_000]));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("https://descent.dev/problems/payload-too-large");
	}

	@Test
	void unreadableMultipartIs400() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/datasets"))
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers
				.ofString("--b\r\nContent-Disposition: form-data; name=\"train\"; filename=\"t\"\r\n\r\n1,0,0"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("https://descent.dev/problems/malformed-body");
	}

	private void uploadTrainAndPredict(MultipartBody body, String name) throws Exception {
		HttpResponse<String> created = post(body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).contains("/datasets/" + name);
		JsonNode checksums = this.json.readTree(created.body()).get("checksums");
		HttpResponse<String> accepted = postJson("/jobs", "{\"dataset\":\"" + name + "\",\"model\":\"" + name
				+ "\",\"epochs\":2,\"layers\":[784,20,10],\"seed\":7}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode job = this.json.readTree(accepted.body());
		assertThat(job.at("/request/trainingLimit").asInt()).isEqualTo(DatasetSamples.TRAIN);
		JsonNode done = awaitFinished(job.get("id").asString());
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		int version = done.at("/model/version").asInt();
		JsonNode metadata = this.json.readTree(get("/models/" + name + "/versions/" + version).body());
		assertThat(metadata.at("/dataset/name").asString()).isEqualTo(name);
		assertThat(metadata.at("/dataset/checksums")).isEqualTo(checksums);
		assertThat(metadata.get("trainingLimit").asInt()).isEqualTo(DatasetSamples.TRAIN);
		String pixels = DoubleStream.of(DatasetSamples.test().image(0))
			.mapToObj(Double::toString)
			.collect(Collectors.joining(","));
		HttpResponse<String> predicted = postJson("/predict",
				"{\"model\":\"" + name + "\",\"version\":" + version + ",\"pixels\":[" + pixels + "]}");
		assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
		assertThat(this.json.readTree(predicted.body()).get("digit").asInt()).isBetween(0, 9);
		assertThat(get("/datasets").body()).startsWith("[{\"name\":\"mnist\"").contains("\"name\":\"" + name + "\"");
		assertThat(delete("/datasets/" + name).statusCode()).isEqualTo(204);
	}

	private JsonNode awaitFinished(String id) throws Exception {
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
			String state = this.json.readTree(get("/jobs/" + id).body()).get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		return this.json.readTree(get("/jobs/" + id).body());
	}

	private HttpResponse<String> post(MultipartBody body) throws Exception {
		return send(HttpRequest.newBuilder(uri("/datasets"))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private HttpResponse<String> postJson(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).build());
	}

	private HttpResponse<String> delete(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
