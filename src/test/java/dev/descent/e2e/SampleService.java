package dev.descent.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.descent.datasets.MultipartBody;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a random port, its data in a temporary folder, with the committed
 * MNIST sample (2,000 training and 500 test images) uploaded as the data set
 * {@code sample}, so that jobs on it take milliseconds per epoch. The test classes that
 * extend it share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "descent.mnist.directory=target/mnist", "descent.mnist.mirrors=", "descent.jobs.concurrency=2" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SampleService {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path DATA_DIR = temporaryDataDir();

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", DATA_DIR::toString);
	}

	@BeforeAll
	void uploadSample() throws Exception {
		if (send(HttpRequest.newBuilder(uri("/datasets/sample")).GET()).statusCode() == 200) {
			return;
		}
		MultipartBody body = new MultipartBody().field("name", "sample")
			.file("trainImages", resource("train-images-idx3-ubyte.gz"))
			.file("trainLabels", resource("train-labels-idx1-ubyte.gz"))
			.file("testImages", resource("t10k-images-idx3-ubyte.gz"))
			.file("testLabels", resource("t10k-labels-idx1-ubyte.gz"));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/datasets"))
			.header("Content-Type", body.contentType())
			.POST(body.publisher()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	JsonNode postJson(String path, String json, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = post(path, json);
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	JsonNode delete(String path, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).DELETE());
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	/** Polls {@code path} until {@code done} holds of it, for at most two minutes. */
	JsonNode awaitUntil(String path, Predicate<JsonNode> done) {
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> done.test(get(path)));
		try {
			return get(path);
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a Server-Sent Events stream, as {@code curl -N} would, until {@code last}
	 * holds of an event or the server ends the stream, for at most two minutes.
	 * @param lastEventId sent as {@code Last-Event-ID} when not null
	 */
	List<Event> stream(String path, String lastEventId, Predicate<Event> last) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		try (Stream<String> lines = response.body()) {
			return CompletableFuture.supplyAsync(() -> parse(lines, last)).get(2, TimeUnit.MINUTES);
		}
	}

	private static List<Event> parse(Stream<String> lines, Predicate<Event> last) {
		List<Event> events = new ArrayList<>();
		String[] current = new String[3];
		for (String line : (Iterable<String>) lines::iterator) {
			if (line.isEmpty()) {
				if (current[1] != null || current[2] != null) {
					Event event = new Event(current[0], current[1],
							(current[2] != null) ? JSON.readTree(current[2]) : null);
					events.add(event);
					if (last.test(event)) {
						return events;
					}
				}
				current = new String[3];
			}
			else if (line.startsWith("id:")) {
				current[0] = line.substring(3).strip();
			}
			else if (line.startsWith("event:")) {
				current[1] = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				current[2] = line.substring(5).strip();
			}
		}
		return events;
	}

	/**
	 * One Server-Sent Event as received.
	 *
	 * @param id its {@code id:}, or null
	 * @param name its {@code event:}
	 * @param data its {@code data:} as JSON
	 */
	record Event(String id, String name, JsonNode data) {
	}

	private static byte[] resource(String file) {
		try (InputStream in = SampleService.class.getResourceAsStream("/mnist-sample/" + file)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDataDir() {
		try {
			Path dir = Files.createTempDirectory("descent-sample-service-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(dir);
				}
				catch (IOException ex) {
					// a temporary folder the OS will clean
				}
			}));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
