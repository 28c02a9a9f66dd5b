package dev.descent.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service over real HTTP with the real MNIST (fetched once into
 * {@code target/mnist}): a small job trains to the end, and every epoch's cost reaches
 * /actuator/prometheus.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "descent.mnist.directory=target/mnist", "descent.mnist.mirrors=" })
class JobsEndToEndTest {

	@TempDir
	static Path dataDir;

	@LocalServerPort
	int port;

	Http http;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", () -> dataDir.toString());
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void trainsASmallJobAndExportsEveryEpochsCost() {
		Http.Response accepted = this.http.post("/jobs", "{\"epochs\": 2, \"trainingLimit\": 1000}");
		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo("/jobs/" + id);
		assertThat(accepted.json().at("/request/seed").isNumber()).isTrue();

		JsonNode job = awaitFinished(id);
		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("epochsCompleted").asInt()).isEqualTo(2);
		assertThat(job.at("/model/version").asInt()).isEqualTo(1);
		List<Double> costs = new ArrayList<>();
		job.get("history").forEach((epoch) -> costs.add(epoch.get("cost").asDouble()));
		assertThat(costs).hasSize(2).allMatch((cost) -> cost > 0 && Double.isFinite(cost));

		String scrape = this.http.get("/actuator/prometheus").body();
		for (int epoch = 1; epoch <= 2; epoch++) {
			assertThat(sample(scrape, "descent_training_epoch_cost", id, epoch)).isCloseTo(costs.get(epoch - 1),
					org.assertj.core.data.Offset.offset(1e-12));
		}
		String tags = "{job=\"" + id + "\",model=\"mnist\"} ";
		assertThat(scrape).contains("descent_training_epochs_completed" + tags + "2");
		assertThat(scrape).contains("descent_training_cost" + tags + costs.get(1));
		assertThat(scrape).contains("descent_training_accuracy" + tags + job.at("/history/1/accuracy").asDouble());
		assertThat(scrape).contains("descent_jobs{state=\"SUCCEEDED\"} 1");
		assertThat(scrape).contains("descent_jobs_submitted_total");
		assertThat(scrape).contains("descent_training_epoch_seconds_count");
		assertThat(scrape).contains("jvm_memory_used_bytes");
	}

	@Test
	void servesTestImagesHealthInfoAndTheApiDocument() {
		Http.Response image = this.http.get("/datasets/mnist/test/0");
		assertThat(image.status()).isEqualTo(200);
		assertThat(image.json().get("label").asInt()).isEqualTo(7);
		assertThat(image.json().get("pixels").size()).isEqualTo(784);
		assertThat(this.http.get("/datasets/mnist/test/10000").status()).isEqualTo(404);
		assertThat(this.http.get("/datasets/mnist/test/x").json().at("/errors/0/field").asString()).isEqualTo("index");
		await().atMost(Duration.ofMinutes(5)).until(() -> this.http.get("/actuator/health/readiness").status() == 200);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/info").json().at("/build/version").asString()).isNotEmpty();
		JsonNode paths = this.http.get("/v3/api-docs").json().at("/paths");
		assertThat(paths.has("/jobs")).isTrue();
		assertThat(paths.has("/jobs/{id}")).isTrue();
		assertThat(paths.has("/error")).isFalse();
		assertThat(this.http.get("/swagger-ui.html").status()).isEqualTo(200);
	}

	@Test
	void unknownPathsAndTheErrorPageAreProblems() {
		Http.Response missing = this.http.get("/no/such/thing");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.json().get("type").asString()).isEqualTo("https://descent.dev/problems/not-found");
		Http.Response error = this.http.get("/error");
		assertThat(error.header("Content-Type")).startsWith("application/problem+json");
		assertThat(error.json().has("trace")).isFalse();
		assertThat(error.json().has("exception")).isFalse();
		assertThat(error.json().has("path")).isFalse();
		assertThat(this.http.get("/jobs/j-unknown").status()).isEqualTo(404);
		assertThat(this.http.post("/jobs", "{\"layers\": [100, 10]}").json().at("/errors/0/field").asString())
			.isEqualTo("layers[0]");
	}

	private JsonNode awaitFinished(String id) {
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
			String state = this.http.get("/jobs/" + id).json().get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		return this.http.get("/jobs/" + id).json();
	}

	private static double sample(String scrape, String name, String job, int epoch) {
		Pattern line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = line.matcher(scrape);
		while (matcher.find()) {
			String labels = matcher.group(1);
			if (labels.contains("job=\"" + job + "\"") && labels.contains("epoch=\"" + epoch + "\"")) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no " + name + " sample for job " + job + ", epoch " + epoch);
	}

}
