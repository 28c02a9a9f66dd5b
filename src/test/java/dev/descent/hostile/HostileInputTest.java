package dev.descent.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.descent.engine.Activation;
import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends over a thousand hostile requests to every endpoint of the running service (real
 * HTTP, bytes as written) and asserts that each one answers 4xx with a problem+json body
 * that reveals no internals, and that a normal prediction right after still works.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "descent.security.api-keys=" + HostileInputTest.KEY })
class HostileInputTest {

	static final String KEY = "hostile-test-key-8c1e5b2f7a90";

	private static final AtomicInteger answered = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> LEAKS = List.of("Exception", "\tat ", "dev.descent", "java.", "jakarta.",
			"tools.jackson", "com.fasterxml", "org.springframework", "org.apache", ".java", "Tomcat", "`",
			"StreamReadConstraints", "JsonReadFeature", "/tmp/", KEY);

	private static volatile boolean seeded;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", () -> Path.of("target/hostile-data").toAbsolutePath().toString());
		registry.add("descent.mnist.directory", () -> Path.of("target/mnist").toAbsolutePath().toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ModelRepository models;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static Stream<HostileCase> cases() {
		List<HostileCase> cases = new ArrayList<>();
		for (String[] endpoint : new String[][] { { "POST", "/jobs" }, { "POST", "/predict" },
				{ "PUT", "/models/mnist/aliases/staging" }, { "POST", "/datasets" } }) {
			cases.addAll(BodyCases.forEndpoint(endpoint[0], endpoint[1], endpoint[1].equals("/jobs")));
		}
		cases.addAll(FieldCases.all());
		cases.addAll(PathCases.all());
		return cases.stream();
	}

	static Stream<String> rawCases() {
		return RawCases.all().stream();
	}

	@BeforeEach
	void seedModel() throws IOException {
		if (!seeded) {
			NetworkSpec spec = new NetworkSpec(new int[] { 784, 10, 10 }, Activation.fromId("sigmoid"),
					Activation.fromId("sigmoid"));
			Network network = Network.initialise(spec, Init.fromId("normal"), new Random(1));
			if (this.models.list().isEmpty()) {
				this.models.register("mnist", network, new TrainingProvenance("j-hostile", "quadratic", "normal", "sgd",
						Map.of("learningRate", 3.0), 10, 1, 0, 1, 100, 0, List.of(), "mnist", Map.of()));
			}
			seeded = true;
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void answersProblemJsonAndKeepsServing(HostileCase hostile) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + hostile.path()))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + KEY)
			.method(hostile.method(),
					(hostile.body() != null) ? BodyPublishers.ofByteArray(hostile.body()) : BodyPublishers.noBody());
		if (hostile.contentType() != null) {
			request.header("Content-Type", hostile.contentType());
		}
		HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
		assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
		assertStillServes();
	}

	@ParameterizedTest(name = "raw {index}")
	@MethodSource("rawCases")
	void rawRequestsAnswerProblemJsonToo(String raw) throws Exception {
		RawHttp.Response response = RawHttp.send(this.port, raw);
		assertProblem(response.status(), response.header("Content-Type"), response.body());
		assertStillServes();
	}

	/**
	 * The README promises 1,053 hostile requests: 1,037 through {@code HttpClient} and 16
	 * on a raw socket. Each is one parameterized case above, asserted 4xx problem+json.
	 */
	@Test
	void sendsTheNumberOfHostileRequestsTheReadmePromises() {
		long client = cases().count();
		long raw = rawCases().count();
		assertThat(client).isEqualTo(1_037);
		assertThat(raw).isEqualTo(16);
		assertThat(client + raw).isEqualTo(1_053);
	}

	/**
	 * The real endpoints behind the keys: every write needs one (moving, rolling back and
	 * gating aliases, and tags too), reads (an alias's history and policy, a search of
	 * versions) stay open.
	 */
	@Test
	void realWritesNeedTheKeyAndReadsDoNot() throws Exception {
		for (String[] write : new String[][] { { "POST", "/jobs" }, { "DELETE", "/jobs/j-1" },
				{ "DELETE", "/models/mnist/versions/1" }, { "PUT", "/models/mnist/aliases/production" },
				{ "DELETE", "/models/mnist/aliases/production" }, { "POST", "/datasets" },
				{ "DELETE", "/datasets/digits" }, { "POST", "/models/mnist/aliases/production/rollback" },
				{ "PUT", "/models/mnist/aliases/production/policy" }, { "PUT", "/models/mnist/versions/1/tags/stage" },
				{ "DELETE", "/models/mnist/versions/1/tags/stage" } }) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + write[1]))
					.header("Content-Type", "application/json")
					.method(write[0], BodyPublishers.ofString("{\"version\":1}"))
					.build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).as(write[0] + " " + write[1]).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		}
		for (String read : new String[] { "/models", "/models/mnist/aliases/production/policy",
				"/models/mnist/versions?tag=stage:candidate&minAccuracy=0.5&sort=-accuracy" }) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + read)).build(),
					BodyHandlers.ofString());
			assertThat(response.statusCode()).as(read).isEqualTo(200);
		}
		// an alias that never moved has no history: 404, not 401
		HttpResponse<String> history = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/models/mnist/aliases/never-moved/history"))
			.build(), BodyHandlers.ofString());
		assertThat(history.statusCode()).isEqualTo(404);
		assertStillServes();
	}

	/**
	 * A transfer coding the server does not know is the one hostile request answered 5xx:
	 * 501, as RFC 9112 (section 6.1) asks, still as problem+json.
	 */
	@Test
	void unknownTransferCodingIs501ProblemJson() throws Exception {
		RawHttp.Response response = RawHttp.send(this.port,
				"POST /predict HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\n"
						+ "Host: localhost\r\nConnection: close\r\n\r\n{}");
		assertThat(response.status()).isEqualTo(501);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain(LEAKS);
		assertStillServes();
	}

	private void assertProblem(int status, String contentType, String body) {
		assertThat(status).as(body).isBetween(400, 499);
		assertThat(contentType).as(body).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.get("status").asInt()).as(body).isEqualTo(status);
		assertThat(problem.get("type").asString()).as(body).startsWith("https://descent.dev/problems/");
		assertThat(body).doesNotContain(LEAKS);
		answered.incrementAndGet();
	}

	private void assertStillServes() throws Exception {
		String pixels = "[" + String.join(",", Collections.nCopies(784, "0.25")) + "]";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/predict"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"model\":\"mnist\",\"pixels\":" + pixels + "}"))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("output").size()).isEqualTo(10);
	}

	@AfterAll
	static void report() {
		System.out.println("HostileInputTest: " + answered.get()
				+ " hostile requests answered 4xx problem+json, each followed by a working prediction");
	}

}
