package dev.descent.ship;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static dev.descent.ship.Yaml2.get;
import static dev.descent.ship.Yaml2.map;
import static dev.descent.ship.Yaml2.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real Prometheus server: the packaged service and Prometheus run as
 * separate processes, Prometheus scrapes the service every second with the shipped scrape
 * configuration, and the cost of every epoch of a job is read back through Prometheus's
 * HTTP API.
 */
class PrometheusScrapeIT {

	private static final Duration STARTUP = Duration.ofMinutes(2);

	private static final Duration TRAINING = Duration.ofMinutes(10);

	private static final Http http = new Http();

	private static Path work;

	private static ManagedProcess service;

	private static ManagedProcess prometheus;

	private static String serviceUrl;

	private static String prometheusUrl;

	@BeforeAll
	static void startServiceAndPrometheus() throws Exception {
		Path binary = PrometheusBinary.find();
		work = Files.createTempDirectory(Path.of("target"), "prometheus-it-").toAbsolutePath();
		int servicePort = freePort();
		serviceUrl = "http://127.0.0.1:" + servicePort;
		service = ManagedProcess.start("descent", serviceCommand(servicePort), work.resolve("descent.log"));
		int prometheusPort = freePort();
		prometheusUrl = "http://127.0.0.1:" + prometheusPort;
		Path config = writePrometheusConfig(servicePort);
		prometheus = ManagedProcess.start("prometheus", List.of(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort),
				work.resolve("prometheus.log"));
		waitUntilOk(service, serviceUrl + ApplicationSettings.load().readinessPath());
		waitUntilOk(prometheus, prometheusUrl + "/-/ready");
	}

	@AfterAll
	static void stopBoth() throws Exception {
		try {
			if (prometheus != null) {
				prometheus.close();
			}
		}
		finally {
			if (service != null) {
				service.close();
			}
			if (work != null) {
				FileSystemUtils.deleteRecursively(work);
			}
		}
	}

	@Test
	void prometheusHoldsTheCostOfEveryEpochOfAJob() throws Exception {
		HttpResponse<String> submitted = http.postJson(serviceUrl + "/jobs",
				Map.of("epochs", 4, "trainingLimit", 2000));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		String id = (String) http.json(submitted).get("id");
		Map<String, Object> job = Http.poll("job " + id + " to finish", TRAINING, () -> finished(id));
		assertThat(job.get("state")).as("job %s", job).isEqualTo("SUCCEEDED");
		Map<String, Double> history = new TreeMap<>();
		for (Map<String, Object> epoch : maps(job.get("history"))) {
			history.put(String.valueOf(epoch.get("epoch")), ((Number) epoch.get("cost")).doubleValue());
		}
		assertThat(history).hasSize(4);
		Map<String, Double> scraped = Http.poll("Prometheus to hold every epoch of " + id, STARTUP, () -> {
			Map<String, Double> series = epochCosts(id);
			assertThat(series).isEqualTo(history);
			return series;
		});
		assertThat(scraped).isEqualTo(history);
	}

	@Test
	void theImagesHealthCheckCommandPassesAgainstTheService() throws Exception {
		ProcessBuilder healthCheck = new ProcessBuilder(DockerfileInstructions.healthCheckCommand()).inheritIO();
		healthCheck.environment().put("SERVER_PORT", serviceUrl.substring(serviceUrl.lastIndexOf(':') + 1));
		assertThat(healthCheck.start().waitFor()).isZero();
		healthCheck.environment().put("SERVER_PORT", String.valueOf(freePort()));
		assertThat(healthCheck.start().waitFor()).as("health check with nothing listening").isNotZero();
	}

	/** The job when it has reached a final state, otherwise null. */
	private static Map<String, Object> finished(String id) throws Exception {
		service.assertAlive();
		Map<String, Object> job = http.json(http.get(serviceUrl + "/jobs/" + id));
		return Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("state")) ? job : null;
	}

	/** descent_training_epoch_cost{job="id"} from Prometheus: value by epoch label. */
	private static Map<String, Double> epochCosts(String id) throws Exception {
		String query = "descent_training_epoch_cost{job=\"" + id + "\"}";
		HttpResponse<String> response = http
			.get(prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		Map<String, Object> body = http.json(response);
		assertThat(body).as(response.body()).containsEntry("status", "success");
		Map<String, Double> costs = new TreeMap<>();
		for (Map<String, Object> series : maps(get(body, "data.result"))) {
			String epoch = (String) map(series.get("metric")).get("epoch");
			Double previous = costs.put(epoch, Double.valueOf((String) Yaml2.list(series.get("value")).get(1)));
			assertThat(previous).as("one series per epoch: %s", response.body()).isNull();
		}
		return costs;
	}

	private static List<String> serviceCommand(int port) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String jar = System.getProperty("descent.jar", "target/descent.jar");
		return List.of(java, "-Ddescent.mnist.directory=" + Path.of("target/mnist").toAbsolutePath(), "-jar", jar,
				"--server.port=" + port, "--server.address=127.0.0.1", "--descent.data-dir=" + work.resolve("data"));
	}

	/**
	 * The shipped ops/prometheus/prometheus.yml with the target moved to the test's
	 * service and the scrape interval shortened to a second.
	 */
	private static Path writePrometheusConfig(int servicePort) throws IOException {
		Map<String, Object> config = Yaml2.load(ComposeFilesTest.PROMETHEUS);
		Map<String, Object> scrape = maps(config.get("scrape_configs")).get(0);
		map(config.get("global")).put("scrape_interval", "1s");
		scrape.put("scrape_interval", "1s");
		scrape.put("scrape_timeout", "1s");
		scrape.put("static_configs", List.of(new HashMap<>(Map.of("targets", List.of("127.0.0.1:" + servicePort)))));
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Path file = work.resolve("prometheus.yml");
		Files.writeString(file, new Yaml(options).dump(config));
		return file;
	}

	private static void waitUntilOk(ManagedProcess process, String url) throws InterruptedException {
		Http.poll(process + " to answer " + url, STARTUP, () -> {
			process.assertAlive();
			return (http.get(url).statusCode() == 200) ? Boolean.TRUE : null;
		});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
