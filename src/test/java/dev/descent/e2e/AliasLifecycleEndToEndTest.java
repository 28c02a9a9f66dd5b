package dev.descent.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.descent.DescentApplication;
import dev.descent.datasets.MultipartBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An alias's life over real HTTP, across restarts of the service on the same data
 * directory: gated moves refused with 409 and both accuracies, a stored policy, the
 * history of every move, and a rollback made after a restart to the version the alias
 * held before it; tags and the search of versions. Three versions trained on the
 * committed MNIST sample: v1 and v3 learn (η = 0.5), v2 learns nothing (η = 1e-6).
 */
class AliasLifecycleEndToEndTest {

	private static final String JOB = "{\"dataset\":\"sample\",\"model\":\"e2e-aliases\",\"layers\":[784,16,10],"
			+ "\"epochs\":2,\"cost\":\"cross-entropy\",\"outputActivation\":\"softmax\",\"learningRate\":%s,\"seed\":%d}";

	private static final String ALIAS = "/models/e2e-aliases/aliases/production";

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
	void aGatedMoveIsRefusedWith409AndBothAccuracies() {
		start();
		uploadSample();
		int good = train("0.5", 1);
		int hopeless = train("1e-6", 2);
		double goodAccuracy = accuracy(good);
		double hopelessAccuracy = accuracy(hopeless);
		assertThat(hopelessAccuracy).isLessThan(goodAccuracy);
		assertThat(this.http.put(ALIAS, "{\"version\":" + good + "}").status()).isEqualTo(200);

		Http.Response refused = this.http.put(ALIAS,
				"{\"version\":" + hopeless + ",\"mustBeatCurrent\":true,\"margin\":0.001,\"reason\":\"try it\"}");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = refused.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://descent.dev/problems/promotion-refused");
		assertThat(problem.path("title").asString()).isEqualTo("Promotion refused");
		assertThat(problem.path("status").asInt()).isEqualTo(409);
		assertThat(problem.path("alias").asString()).isEqualTo("production");
		assertThat(problem.path("version").asInt()).isEqualTo(hopeless);
		assertThat(problem.path("accuracy").asDouble()).isEqualTo(hopelessAccuracy);
		assertThat(problem.path("currentVersion").asInt()).isEqualTo(good);
		assertThat(problem.path("currentAccuracy").asDouble()).isEqualTo(goodAccuracy);
		assertThat(problem.path("requiredAccuracy").asDouble()).isEqualTo(goodAccuracy + 0.001);
		assertThat(problem.path("condition").asString()).isEqualTo("mustBeatCurrent");
		assertThat(problem.path("source").asString()).isEqualTo("request");
		assertThat(problem.path("detail").asString())
			.startsWith("alias 'production' of model e2e-aliases was not moved: version " + hopeless + " has accuracy "
					+ hopelessAccuracy);

		assertThat(this.http.put(ALIAS + "/policy", "{\"minAccuracy\":" + ((goodAccuracy + hopelessAccuracy) / 2) + "}")
			.status()).isEqualTo(200);
		JsonNode byPolicy = this.http.put(ALIAS, "{\"version\":" + hopeless + "}").json();
		assertThat(byPolicy.path("status").asInt()).isEqualTo(409);
		assertThat(byPolicy.path("condition").asString()).isEqualTo("minAccuracy");
		assertThat(byPolicy.path("source").asString()).isEqualTo("policy");
		assertThat(byPolicy.path("accuracy").asDouble()).isEqualTo(hopelessAccuracy);
		assertThat(byPolicy.path("currentAccuracy").asDouble()).isEqualTo(goodAccuracy);
		assertThat(productionVersion()).isEqualTo(good);
		assertThat(this.http.get(ALIAS + "/history").json().size()).isEqualTo(1);
	}

	@Test
	void historyPolicyAndRollbackSurviveARestart() {
		start();
		uploadSample();
		int first = train("0.5", 1);
		int second = train("0.5", 2);
		assertThat(this.http.put(ALIAS, "{\"version\":" + first + ",\"reason\":\"first release\"}").status())
			.isEqualTo(200);
		assertThat(this.http.put(ALIAS, "{\"version\":" + second + ",\"reason\":\"retrained\"}").status())
			.isEqualTo(200);
		assertThat(this.http.put(ALIAS + "/policy", "{\"minAccuracy\":0.5}").status()).isEqualTo(200);
		JsonNode history = this.http.get(ALIAS + "/history").json();
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.path(0).path("from").asInt()).isEqualTo(first);
		assertThat(history.path(0).path("to").asInt()).isEqualTo(second);
		assertThat(history.path(0).path("by").asString()).isEqualTo("open");
		assertThat(history.path(0).path("reason").asString()).isEqualTo("retrained");
		assertThat(history.path(0).path("rollback").asBoolean()).isFalse();
		assertThat(history.path(1).path("from").isNull()).isTrue();
		assertThat(history.path(1).path("to").asInt()).isEqualTo(first);

		restart();
		assertThat(this.http.get(ALIAS + "/history").json()).isEqualTo(history);
		assertThat(this.http.get(ALIAS + "/policy").json().path("minAccuracy").asDouble()).isEqualTo(0.5);
		Http.Response rolledBack = this.http.post(ALIAS + "/rollback", "{\"reason\":\"v2 misbehaves\"}");
		assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
		JsonNode state = rolledBack.json();
		assertThat(state.path("model").asString()).isEqualTo("e2e-aliases");
		assertThat(state.path("alias").asString()).isEqualTo("production");
		assertThat(state.path("version").asInt()).isEqualTo(first);
		assertThat(state.path("move").path("from").asInt()).isEqualTo(second);
		assertThat(state.path("move").path("to").asInt()).isEqualTo(first);
		assertThat(state.path("move").path("rollback").asBoolean()).isTrue();
		assertThat(state.path("move").path("reason").asString()).isEqualTo("v2 misbehaves");
		assertThat(productionVersion()).isEqualTo(first);

		restart();
		assertThat(productionVersion()).isEqualTo(first);
		JsonNode after = this.http.get(ALIAS + "/history").json();
		assertThat(after.size()).isEqualTo(3);
		assertThat(after.path(0)).isEqualTo(state.path("move"));
		Http.Response nothingLeft = this.http.post(ALIAS + "/rollback", "");
		assertThat(nothingLeft.status()).isEqualTo(409);
		assertThat(nothingLeft.json().path("type").asString())
			.isEqualTo("https://descent.dev/problems/no-rollback-target");
		assertThat(nothingLeft.json().path("currentVersion").asInt()).isEqualTo(first);
	}

	@Test
	void versionsAreTaggedAndSearchedByTagAccuracyAndOrder() {
		start();
		uploadSample();
		int good = train("0.5", 1);
		int hopeless = train("1e-6", 2);
		String versions = "/models/e2e-aliases/versions";
		Http.Response tagged = this.http.put(versions + "/" + good + "/tags/stage", "{\"value\":\"candidate\"}");
		assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
		assertThat(tagged.json().path("version").asInt()).isEqualTo(good);
		assertThat(tagged.json().path("tags").path("stage").asString()).isEqualTo("candidate");
		this.http.put(versions + "/" + good + "/tags/data", "{\"value\":\"sample\"}");
		this.http.put(versions + "/" + hopeless + "/tags/stage", "{\"value\":\"candidate\"}");

		assertThat(numbers(versions + "?tag=stage:candidate&sort=-accuracy")).containsExactly(good, hopeless);
		assertThat(numbers(versions + "?tag=stage:candidate&tag=data:sample")).containsExactly(good);
		assertThat(numbers(versions + "?minAccuracy=" + accuracy(good) + "&sort=-version")).containsExactly(good);
		assertThat(numbers(versions + "?sort=accuracy")).containsExactly(hopeless, good);

		assertThat(this.http.delete(versions + "/" + good + "/tags/stage").status()).isEqualTo(204);
		assertThat(numbers(versions + "?tag=stage:candidate")).containsExactly(hopeless);
		Http.Response gone = this.http.delete(versions + "/" + good + "/tags/stage");
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().path("detail").asString())
			.isEqualTo("version " + good + " of model e2e-aliases has no tag 'stage'");
		Http.Response bad = this.http.get(versions + "?tag=stage");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("tag");

		restart();
		assertThat(this.http.get(versions + "/" + good).json().path("tags").path("data").asString())
			.isEqualTo("sample");
		assertThat(numbers(versions + "?tag=stage:candidate")).containsExactly(hopeless);
	}

	private List<Integer> numbers(String path) {
		Http.Response response = this.http.get(path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<Integer> numbers = new ArrayList<>();
		response.json().forEach((v) -> numbers.add(v.path("version").asInt()));
		return numbers;
	}

	private void start() {
		this.context = new SpringApplicationBuilder(DescentApplication.class).run("--server.port=0",
				"--descent.data-dir=" + this.dataDir, "--descent.mnist.directory=target/mnist",
				"--descent.mnist.mirrors=");
		this.http = new Http(Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port")));
	}

	private void restart() {
		this.context.close();
		start();
	}

	private void uploadSample() {
		MultipartBody body = new MultipartBody().field("name", "sample")
			.file("trainImages", resource("train-images-idx3-ubyte.gz"))
			.file("trainLabels", resource("train-labels-idx1-ubyte.gz"))
			.file("testImages", resource("t10k-images-idx3-ubyte.gz"))
			.file("testLabels", resource("t10k-labels-idx1-ubyte.gz"));
		Http.Response response = this.http.post("/datasets", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	/** Runs a job on the sample to success and answers the version it registered. */
	private int train(String learningRate, int seed) {
		Http.Response accepted = this.http.post("/jobs", JOB.formatted(learningRate, seed));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().path("id").asString();
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !List.of("QUEUED", "RUNNING")
				.contains(this.http.get("/jobs/" + id).json().path("state").asString()));
		JsonNode job = this.http.get("/jobs/" + id).json();
		assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		return job.path("model").path("version").asInt();
	}

	private double accuracy(int version) {
		return this.http.get("/models/e2e-aliases/versions/" + version).json().path("accuracy").asDouble();
	}

	private int productionVersion() {
		for (JsonNode model : this.http.get("/models").json()) {
			if (model.path("name").asString().equals("e2e-aliases")) {
				return model.path("aliases").path("production").asInt();
			}
		}
		throw new AssertionError("e2e-aliases is not listed by GET /models");
	}

	private static byte[] resource(String file) {
		try (InputStream in = AliasLifecycleEndToEndTest.class.getResourceAsStream("/mnist-sample/" + file)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
