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

	@Test
	void plainComposeUpStartsTheOneFilesystemServiceWithPrometheusAndGrafana() {
		assertThat(servicesOfProfile(null)).containsExactlyInAnyOrder("descent", "prometheus", "grafana");
		Map<String, Object> descent = service("descent");
		assertThat(descent).doesNotContainKey("environment").doesNotContainKey("profiles");
		assertThat(list(descent.get("ports"))).containsExactly(app.port() + ":" + app.port());
	}

	@Test
	void sharedProfileAddsTwoReplicasOnPostgresqlAndMinio() {
		assertThat(servicesOfProfile("shared")).containsExactlyInAnyOrder("descent-1", "descent-2", "postgres", "minio",
				"minio-bucket");
		assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
		assertThat((String) service("minio").get("image")).contains("minio/minio:");
		assertThat((String) service("minio-bucket").get("image")).contains("minio/mc:");
		assertThat(list(service("descent-1").get("ports"))).containsExactly("8081:" + app.port());
		assertThat(list(service("descent-2").get("ports"))).containsExactly("8082:" + app.port());
		for (String replica : List.of("descent-1", "descent-2")) {
			assertThat(service(replica)).containsEntry("image", service("descent").get("image"))
				.containsEntry("build", ".");
			assertThat(map(get(service(replica), "depends_on.postgres"))).containsEntry("condition", "service_healthy");
			assertThat(map(get(service(replica), "depends_on.minio-bucket"))).containsEntry("condition",
					"service_completed_successfully");
		}
	}

	@Test
	void replicasUseTheDatabaseAndTheBucketTheProfileCreates() {
		Map<String, Object> env = map(service("descent-1").get("environment"));
		assertThat(env).isEqualTo(service("descent-2").get("environment"));
		assertThat(env).containsEntry("DESCENT_STORAGE_KIND", "shared");
		Map<String, Object> postgres = map(service("postgres").get("environment"));
		assertThat(env)
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
			.containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
			.containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
		Map<String, Object> minio = map(service("minio").get("environment"));
		assertThat(list(service("minio").get("ports"))).contains("9000:9000");
		assertThat(env).containsEntry("DESCENT_STORAGE_S3_ENDPOINT", "http://minio:9000")
			.containsEntry("DESCENT_STORAGE_S3_PATHSTYLE", "true")
			.containsEntry("AWS_ACCESS_KEY_ID", minio.get("MINIO_ROOT_USER"))
			.containsEntry("AWS_SECRET_ACCESS_KEY", minio.get("MINIO_ROOT_PASSWORD"));
		String createBucket = String.join(" ",
				list(service("minio-bucket").get("command")).stream().map(Object::toString).toList());
		assertThat(createBucket)
			.contains("mc alias set store http://minio:9000 " + minio.get("MINIO_ROOT_USER") + " "
					+ minio.get("MINIO_ROOT_PASSWORD"))
			.contains("mc mb --ignore-existing store/" + env.get("DESCENT_STORAGE_S3_BUCKET"));
	}

	@Test
	void everyNamedVolumeIsDeclared() {
		Map<String, Object> declared = map(compose.get("volumes"));
		for (String name : map(compose.get("services")).keySet()) {
			Object volumes = service(name).get("volumes");
			for (Object volume : (volumes != null) ? list(volumes) : List.of()) {
				String source = volume.toString().split(":")[0];
				if (!source.startsWith(".") && !source.startsWith("/")) {
					assertThat(declared).as(name + " mounts " + source).containsKey(source);
				}
			}
		}
	}

	/**
	 * The services {@code docker compose --profile P up} adds; null: those without a
	 * profile.
	 */
	private static List<String> servicesOfProfile(String profile) {
		return map(compose.get("services")).entrySet().stream().filter((e) -> {
			Object profiles = map(e.getValue()).get("profiles");
			return (profile == null) ? profiles == null : profiles != null && list(profiles).contains(profile);
		}).map(Map.Entry::getKey).toList();
	}

	private static Map<String, Object> service(String name) {
		return map(get(compose, "services." + name));
	}

}
