package dev.descent.web.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.descent.datasets.MultipartBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API over real HTTP, for the set-up that the browser tests do not click
 * through.
 */
final class DescentApi {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.shared();

	private final String base;

	DescentApi(String base) {
		this.base = base;
	}

	JsonNode get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), 200);
	}

	JsonNode post(String path, String body, int expectedStatus) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)), expectedStatus);
	}

	JsonNode put(String path, String body, int expectedStatus) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(body)), expectedStatus);
	}

	JsonNode postMultipart(String path, MultipartBody body, int expectedStatus)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", body.contentType())
			.POST(body.publisher()), expectedStatus);
	}

	/** GETs a binary resource, which must answer 200. */
	byte[] download(String path) throws IOException, InterruptedException {
		var response = this.http.send(
				HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : this.base + path)).GET().build(),
				BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as("%s", response.uri()).isEqualTo(200);
		return response.body();
	}

	/** Submits a job, waits for it to succeed and answers the model version it saved. */
	int train(String jobJson, Duration timeout) throws IOException, InterruptedException {
		String id = post("/jobs", jobJson, 202).path("id").asString();
		await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> finished(id));
		JsonNode job = get("/jobs/" + id);
		assertThat(job.path("state").asString()).as("job %s: %s", id, job.path("error")).isEqualTo("SUCCEEDED");
		return job.path("model").path("version").asInt();
	}

	private boolean finished(String id) throws IOException, InterruptedException {
		String state = get("/jobs/" + id).path("state").asString();
		return !state.equals("QUEUED") && !state.equals("RUNNING");
	}

	private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
		var response = this.http.send(request.header("Accept", "application/json").build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(expectedStatus);
		return this.json.readTree(response.body());
	}

}
