package dev.descent.web;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP with keys and protected reads: the body limit (by Content-Length and
 * counted on chunked bodies); the actuator: only health, info and prometheus exposed, and
 * always open; problem+json even for URLs refused before the API sees them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "descent.security.api-keys=" + WebLimitsTest.KEY, "descent.security.protect-reads=true",
				"descent.limits.max-body-size=64KB" })
@Import(WebLimitsTest.EchoController.class)
class WebLimitsTest {

	static final String KEY = "limits-test-key-5a0c7e31d9b2";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", dataDir::toString);
		registry.add("descent.mnist.directory", () -> Path.of("target/mnist").toAbsolutePath().toString());
	}

	@LocalServerPort
	int port;

	@Value("${management.endpoints.web.exposure.include}")
	String exposed;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void bodyLargerThanTheLimitIs413BeforeItIsRead() throws Exception {
		HttpResponse<String> response = post(BodyPublishers.ofByteArray(numbers(100_000)));
		assertTooLarge(response);
		assertThat(post(BodyPublishers.ofByteArray(numbers(1000))).body()).isEqualTo("{\"count\":1000}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "application/*+json", "json", ";;;", "multipart/form-data",
			"multipart/form-data; boundary=x", "multipart/mixed" })
	void contentTypesTheEndpointCannotUseAre415BeforeParsing(String contentType) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/test/count"))
				.header("Content-Type", contentType)
				.header("Authorization", "Bearer " + KEY)
				.POST(BodyPublishers.ofString("[1]"))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@ParameterizedTest
	@CsvSource({ "GET, /datasets/mnist/test/0", "POST, /datasets/x", "PUT, /datasets", "DELETE, /datasets/x",
			"POST, /datasets/", "POST, /datasets/mnist/test/0" })
	void multipartAnywhereButPostDatasetsIs415BeforeItIsSpooled(String method, String path) throws Exception {
		HttpResponse<String> response = multipart(method, path);
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(ProblemTypes.INVALID_REQUEST.toString())
			.contains("Only data set uploads (POST /datasets) take multipart bodies");
	}

	@Test
	void multipartToPostDatasetsIsLeftToTheUpload() throws Exception {
		assertThat(multipart("POST", "/datasets").statusCode()).isNotEqualTo(415);
	}

	@Test
	void clientThatAsksFirstIsRefusedBeforeSendingTheBody() throws Exception {
		String response = raw("POST /test/count HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Authorization: Bearer " + KEY + "\r\nContent-Length: 10485760\r\nExpect: 100-continue\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
	}

	@Test
	void chunkedBodyIsCountedAndStoppedAtTheLimit() throws Exception {
		byte[] big = numbers(100_000);
		HttpResponse<String> response = post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
		assertTooLarge(response);
		byte[] small = numbers(1000);
		HttpResponse<String> ok = post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("{\"count\":1000}");
	}

	@Test
	void actuatorExposesHealthInfoAndPrometheusOnlyAndNeedsNoKey() throws Exception {
		assertThat(this.exposed).isEqualTo("health,info,prometheus");
		for (String open : new String[] { "health", "health/liveness", "health/readiness", "info", "prometheus" }) {
			assertThat(get("/actuator/" + open, null).statusCode()).as(open).isEqualTo(200);
		}
		for (String hidden : new String[] { "env", "beans", "configprops", "heapdump", "threaddump", "loggers",
				"mappings", "metrics", "shutdown" }) {
			assertThat(get("/actuator/" + hidden, KEY).statusCode()).as(hidden).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/models/%00/versions", "/models/a%2Fb/versions", "/models/a%5Cb/versions",
			"/models/%2e%2e/versions", "/models/../versions", "/../../etc/passwd", "/models/%zz/versions",
			"/models/a;b/versions", "/jobs/x%0Ay", "//jobs", "/nothing/here" })
	void urlsRefusedByTomcatTheFirewallOrNobodyAnswerProblemJson(String path) throws Exception {
		String response = raw(
				"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n" + "Connection: close\r\n\r\n");
		assertThat(response).matches("(?s)HTTP/1.1 4\\d\\d .*")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.doesNotContain("Tomcat", "<html", "Exception", "/error", "etc/passwd");
	}

	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private void assertTooLarge(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(ProblemTypes.PAYLOAD_TOO_LARGE.toString()).contains("65536 bytes");
		assertThat(response.body()).contains("\"title\":\"Content Too Large\"");
	}

	private HttpResponse<String> post(BodyPublisher body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/test/count"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + KEY)
			.POST(body)
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> multipart(String method, String path) throws Exception {
		String body = "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "multipart/form-data; boundary=b")
			.header("Authorization", "Bearer " + KEY)
			.method(method, BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	static byte[] numbers(int count) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			json.append(i == 0 ? "" : ",").append("0.5");
		}
		return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Reads a JSON body of any size, for the body limit tests. */
	@RestController
	static class EchoController {

		@PostMapping("/test/count")
		Map<String, Integer> count(@RequestBody List<Double> numbers) {
			return Map.of("count", numbers.size());
		}

	}

}
