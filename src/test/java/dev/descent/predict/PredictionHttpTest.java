package dev.descent.predict;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository, /models and /predict wired together over real HTTP, with the prediction
 * metrics scraped from /actuator/prometheus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PredictionHttpTest {

	@TempDir
	static Path dataDir;

	@LocalServerPort
	int port;

	@Autowired
	ModelRepository repository;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", () -> dataDir.toString());
	}

	@Test
	void registeredVersionIsServedListedAndMeasured() throws Exception {
		Network network = Network.initialise(NetworkSpec.sigmoid(784, 3, 10), Init.NORMAL, new SplittableRandom(7));
		this.repository.register("mnist", network, new TrainingProvenance("j-1", "quadratic", "normal", "sgd",
				Map.of("learningRate", 3.0), 10, 1, 0.0, 7L, 100, 0, List.of(), "mnist", Map.of()));
		double[] image = new double[784];
		Arrays.fill(image, 0.25);
		HttpResponse<String> predicted = send("POST", "/predict", "{\"pixels\":" + Arrays.toString(image) + "}");
		assertThat(predicted.statusCode()).isEqualTo(200);
		assertThat(predicted.body()).contains("\"model\":\"mnist\"", "\"version\":1",
				"\"digit\":" + Network.argmax(network.predict(image)));
		HttpResponse<String> invalid = send("POST", "/predict", "{\"pixels\":[0.5]}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(invalid.body()).contains("pixels has 1 values, expected 784");
		assertThat(send("PUT", "/models/mnist/aliases/production", "{\"version\":1}").body())
			.contains("\"production\":1");
		assertThat(send("GET", "/models/mnist/versions/1", null).body()).contains("\"status\":\"OK\"");
		assertThat(send("DELETE", "/models/mnist/versions/1", null).statusCode()).isEqualTo(409);
		assertThat(send("GET", "/v3/api-docs", null).body()).contains("\"/predict\"", "\"/models/{name}/versions\"");
		String scrape = send("GET", "/actuator/prometheus", null).body();
		assertThat(scrape).contains("descent_predictions_total{model=\"mnist\",version=\"1\"} 1.0")
			.contains("descent_prediction_seconds_bucket{model=\"mnist\",version=\"1\"");
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
