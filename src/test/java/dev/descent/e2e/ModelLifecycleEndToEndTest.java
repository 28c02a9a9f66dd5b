package dev.descent.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.descent.DescentApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole life of a model over real HTTP with the real MNIST: jobs register versions,
 * predictions follow the latest version or the production alias, versions are deleted, a
 * cancelled job registers nothing, and a restart on the same data directory keeps jobs,
 * versions and aliases.
 */
class ModelLifecycleEndToEndTest {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext context;

	private Http http;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void trainPredictAliasDeleteCancelAndRestart() {
		start();
		String first = succeed("{\"epochs\": 2, \"trainingLimit\": 10000, \"seed\": 1, \"cost\": \"cross-entropy\","
				+ " \"init\": \"scaled\"}", 1);
		assertThat(this.http.get("/models").json().get(0).get("latestVersion").asInt()).isEqualTo(1);
		List<JsonNode> images = testImages(20);
		List<Integer> digits = predictAll(images, 1);
		long right = countRight(images, digits);
		assertThat(right).as("test images classified right by version 1").isGreaterThanOrEqualTo(14);
		JsonNode batch = this.http
			.post("/predict",
					"{\"instances\": [" + images.get(0).get("pixels") + "," + images.get(1).get("pixels") + "]}")
			.json();
		assertThat(batch.get("version").asInt()).isEqualTo(1);
		assertThat(batch.get("predictions").size()).isEqualTo(2);
		assertThat(batch.at("/predictions/0/output").size()).isEqualTo(10);

		String second = succeed("{\"epochs\": 1, \"trainingLimit\": 3000, \"seed\": 2}", 2);
		double[] v1 = output(images.get(0), "\"version\": 1");
		double[] v2 = output(images.get(0), null);
		assertThat(v2).isNotEqualTo(v1);
		assertThat(this.http.post("/predict", pixels(images.get(0), null)).json().get("version").asInt()).isEqualTo(2);

		assertThat(this.http.put("/models/mnist/aliases/production", "{\"version\": 1}").status()).isEqualTo(200);
		assertThat(predictedVersion(images.get(0))).isEqualTo(1);
		assertThat(this.http.put("/models/mnist/aliases/production", "{\"version\": 2}").status()).isEqualTo(200);
		assertThat(predictedVersion(images.get(0))).isEqualTo(2);
		assertThat(this.http.delete("/models/mnist/versions/2").status()).isEqualTo(409);
		assertThat(this.http.delete("/models/mnist/versions/1").status()).isEqualTo(204);
		assertThat(this.http.get("/models/mnist/versions/1").status()).isEqualTo(404);

		String cancelled = cancelWhileRunning();
		assertThat(this.http.get("/models").json().get(0).get("latestVersion").asInt()).isEqualTo(2);
		assertThat(this.http.get("/models/mnist/versions").json().size()).isEqualTo(1);

		this.context.close();
		start();
		assertThat(state(first)).isEqualTo("SUCCEEDED");
		assertThat(state(second)).isEqualTo("SUCCEEDED");
		assertThat(state(cancelled)).isEqualTo("CANCELLED");
		assertThat(this.http.get("/jobs/" + first).json().get("history").size()).isEqualTo(2);
		JsonNode model = this.http.get("/models").json().get(0);
		assertThat(model.get("latestVersion").asInt()).isEqualTo(2);
		assertThat(model.at("/aliases/production").asInt()).isEqualTo(2);
		assertThat(predictedVersion(images.get(0))).isEqualTo(2);
		assertThat(output(images.get(0), null)).isEqualTo(v2);
		succeed("{\"epochs\": 1, \"trainingLimit\": 1000}", 3);
	}

	private void start() {
		this.context = new SpringApplicationBuilder(DescentApplication.class).run("--server.port=0",
				"--descent.data-dir=" + this.dataDir, "--descent.mnist.directory=target/mnist",
				"--descent.mnist.mirrors=");
		this.http = new Http(Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port")));
	}

	/** Runs a job to success and checks the version it registered. */
	private String succeed(String request, int version) {
		Http.Response accepted = this.http.post("/jobs", request);
		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !List.of("QUEUED", "RUNNING").contains(state(id)));
		JsonNode job = this.http.get("/jobs/" + id).json();
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.at("/model/name").asString()).isEqualTo("mnist");
		assertThat(job.at("/model/version").asInt()).isEqualTo(version);
		return id;
	}

	private String cancelWhileRunning() {
		String id = this.http.post("/jobs", "{\"epochs\": 1000}").json().get("id").asString();
		await().atMost(Duration.ofMinutes(1)).until(() -> state(id).equals("RUNNING"));
		Http.Response cancelled = this.http.delete("/jobs/" + id);
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(this.http.delete("/jobs/" + id).status()).isEqualTo(409);
		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.http.get("/jobs?state=RUNNING").json().get("totalElements").asInt() == 0);
		return id;
	}

	private String state(String id) {
		return this.http.get("/jobs/" + id).json().get("state").asString();
	}

	private List<JsonNode> testImages(int count) {
		List<JsonNode> images = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			images.add(this.http.get("/datasets/mnist/test/" + i).json());
		}
		return images;
	}

	private List<Integer> predictAll(List<JsonNode> images, int version) {
		List<Integer> digits = new ArrayList<>();
		for (JsonNode image : images) {
			JsonNode prediction = this.http.post("/predict", pixels(image, null)).json();
			assertThat(prediction.get("version").asInt()).isEqualTo(version);
			assertThat(prediction.get("output").size()).isEqualTo(10);
			digits.add(prediction.get("digit").asInt());
		}
		return digits;
	}

	private static long countRight(List<JsonNode> images, List<Integer> digits) {
		long right = 0;
		for (int i = 0; i < images.size(); i++) {
			right += (images.get(i).get("label").asInt() == digits.get(i)) ? 1 : 0;
		}
		return right;
	}

	private int predictedVersion(JsonNode image) {
		return this.http.post("/predict", pixels(image, null)).json().get("version").asInt();
	}

	private double[] output(JsonNode image, String selector) {
		JsonNode output = this.http.post("/predict", pixels(image, selector)).json().get("output");
		double[] values = new double[output.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = output.get(i).asDouble();
		}
		return values;
	}

	private static String pixels(JsonNode image, String selector) {
		return "{\"pixels\": " + image.get("pixels") + ((selector != null) ? ", " + selector : "") + "}";
	}

}
