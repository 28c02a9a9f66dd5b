package dev.descent.ship;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.descent.ship.Yaml2.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real application, trains one tiny job and makes one prediction so that every
 * metric exists, then checks that each metric the Grafana dashboard queries is exported.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "descent.mnist.directory=target/mnist")
@DirtiesContext
class DashboardMetricsTest {

	private static final Duration TRAINING = Duration.ofMinutes(10);

	private final Http http = new Http();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "dashboard-metrics-");
		registry.add("descent.data-dir", dataDir::toString);
	}

	@Test
	void everyMetricTheDashboardQueriesIsExported() throws Exception {
		Map<String, Object> job = trainTinyJob();
		Map<String, Object> model = map(job.get("model"));
		double[] pixels = new double[784];
		Arrays.fill(pixels, 0.5);
		HttpResponse<String> prediction = this.http.postJson(url("/predict"),
				Map.of("pixels", pixels, "model", model.get("name")));
		assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
		Set<String> exported = exportedMetricNames();
		assertThat(exported).containsAll(Dashboard.load().metricNames());
	}

	private Map<String, Object> trainTinyJob() throws Exception {
		HttpResponse<String> submitted = this.http.postJson(url("/jobs"), Map.of("epochs", 1, "trainingLimit", 500));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		String id = (String) this.http.json(submitted).get("id");
		Map<String, Object> job = Http.poll("job " + id + " to finish", TRAINING, () -> {
			Map<String, Object> current = this.http.json(this.http.get(url("/jobs/" + id)));
			return Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(current.get("state")) ? current : null;
		});
		assertThat(job.get("state")).as("job %s", job).isEqualTo("SUCCEEDED");
		return job;
	}

	/** Metric names in the Prometheus text exposition, as Prometheus stores them. */
	private Set<String> exportedMetricNames() throws Exception {
		HttpResponse<String> scrape = this.http.get(url(ApplicationSettings.load().prometheusPath()));
		assertThat(scrape.statusCode()).isEqualTo(200);
		Set<String> names = new TreeSet<>();
		scrape.body()
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.forEach((line) -> names.add(line.split("[{ ]", 2)[0]));
		return names;
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
