package dev.descent.ship;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.descent.ship.Yaml2.get;
import static dev.descent.ship.Yaml2.list;
import static dev.descent.ship.Yaml2.map;
import static dev.descent.ship.Yaml2.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses docker-compose.yml, the Prometheus configuration and the Grafana provisioning
 * and checks that they point at what the application serves (read from application.yml).
 */
class ComposeFilesTest {

	static final Path COMPOSE = Path.of("docker-compose.yml");

	static final Path PROMETHEUS = Path.of("ops/prometheus/prometheus.yml");

	static final Path DATASOURCES = Path.of("ops/grafana/provisioning/datasources/prometheus.yml");

	static final Path DASHBOARD_PROVIDERS = Path.of("ops/grafana/provisioning/dashboards/descent.yml");

	private static ApplicationSettings app;

	private static Map<String, Object> compose;

	@BeforeAll
	static void load() throws Exception {
		app = ApplicationSettings.load();
		compose = Yaml2.load(COMPOSE);
	}

	@Test
	void serviceKeepsItsDataOnANamedVolumeAndPublishesItsPort() throws Exception {
		Map<String, Object> descent = service("descent");
		assertThat(list(descent.get("ports"))).contains(app.port() + ":" + app.port());
		String dataDir = DockerfileInstructions.env().get("DESCENT_DATA_DIR");
		assertThat(dataDir).as("the image's data directory").isNotBlank();
		assertThat(list(descent.get("volumes"))).contains("descent-data:" + dataDir);
		assertThat(map(compose.get("volumes"))).containsKey("descent-data");
	}

	@Test
	void prometheusScrapesTheActuatorEndpointEveryFiveSeconds() throws Exception {
		assertThat(list(service("prometheus").get("volumes")))
			.contains("./" + PROMETHEUS + ":/etc/prometheus/prometheus.yml:ro");
		Map<String, Object> scrape = maps(Yaml2.load(PROMETHEUS).get("scrape_configs")).get(0);
		assertThat(scrape).containsEntry("metrics_path", app.prometheusPath())
			.containsEntry("scrape_interval", "5s")
			.containsEntry("honor_labels", true);
		List<Object> targets = list(maps(scrape.get("static_configs")).get(0).get("targets"));
		assertThat(targets).containsExactly("descent:" + app.port());
		assertThat(map(compose.get("services"))).containsKey("descent");
	}

	@Test
	void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() throws Exception {
		List<Object> mounts = list(service("grafana").get("volumes"));
		assertThat(mounts).contains("./ops/grafana/provisioning:/etc/grafana/provisioning:ro");
		Map<String, Object> datasource = maps(Yaml2.load(DATASOURCES).get("datasources")).get(0);
		assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
		String dashboards = (String) get(maps(Yaml2.load(DASHBOARD_PROVIDERS).get("providers")).get(0), "options.path");
		assertThat(mounts).contains("./" + Dashboard.FILE.getParent() + ":" + dashboards + ":ro");
		Dashboard dashboard = Dashboard.load();
		assertThat(dashboard.json()).containsEntry("title", "descent");
		assertThat(dashboard.datasourceUids()).containsExactly((String) datasource.get("uid"));
	}

	@Test
	void dashboardQueriesTheServicesMetrics() throws Exception {
		assertThat(Dashboard.load().metricNames()).containsExactlyInAnyOrder("descent_training_epoch_cost",
				"descent_training_cost", "descent_training_accuracy", "descent_jobs", "descent_predictions_total",
				"descent_prediction_seconds_bucket");
	}

	@Test
	void metricNamesAreCollectedFromPromQl() {
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.99, sum by (le, model, version) (rate(descent_prediction_seconds_bucket[5m])))"))
			.containsExactly("descent_prediction_seconds_bucket");
		assertThat(PromQl.metricNames("a{job=~\"$job\", x='by(y)'} / ignoring(x) b offset 5m > 1e-8"))
			.containsExactly("a", "b");
		assertThat(PromQl.metricNames("label_values(descent_training_epoch_cost, job)"))
			.containsExactly("descent_training_epoch_cost");
	}

	@Test
	void everyFileTheComposeFileMountsExists() {
		for (String name : List.of("descent", "prometheus", "grafana")) {
			Object volumes = service(name).get("volumes");
			for (Object volume : list(volumes)) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(Files.exists(Path.of(source))).as(source).isTrue();
				}
			}
		}
	}

	private static Map<String, Object> service(String name) {
		return map(get(compose, "services." + name));
	}

}
