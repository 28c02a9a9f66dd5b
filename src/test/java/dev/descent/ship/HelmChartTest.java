package dev.descent.ship;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.descent.ship.Yaml2.get;
import static dev.descent.ship.Yaml2.list;
import static dev.descent.ship.Yaml2.map;
import static dev.descent.ship.Yaml2.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lints and renders {@code helm/descent} with Helm's own library and checks the manifests
 * against what the application really serves (read from application.yml).
 */
class HelmChartTest {

	private static ApplicationSettings app;

	@BeforeAll
	static void readApplicationSettings() throws Exception {
		app = ApplicationSettings.load();
	}

	@Test
	void lintPassesStrictly() {
		LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
		assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
	}

	@Test
	void defaultValuesRenderOnePodWithDataOnAClaim() {
		RenderedChart chart = RenderedChart.render();
		assertThat(chart.kinds()).containsExactly("ConfigMap", "Deployment", "PersistentVolumeClaim", "Service",
				"ServiceAccount");
		assertThat(get(chart.get("Deployment"), "spec.replicas")).isEqualTo(1);
		assertThat(get(chart.get("Deployment"), "spec.strategy.type")).isEqualTo("Recreate");
		assertThat(configMap(chart)).containsEntry("DESCENT_STORAGE_KIND", "filesystem")
			.doesNotContainKeys("SPRING_DATASOURCE_URL", "DESCENT_STORAGE_S3_BUCKET");
	}

	@Test
	void sharedStorageRendersSeveralPodsRollingUpdatesAndABudgetWithoutAClaim() {
		RenderedChart chart = RenderedChart.render(shared("replicaCount", "3"));
		assertThat(chart.kinds()).containsExactly("ConfigMap", "Deployment", "PodDisruptionBudget", "Service",
				"ServiceAccount");
		Map<String, Object> deployment = chart.get("Deployment");
		assertThat(get(deployment, "spec.replicas")).isEqualTo(3);
		assertThat(get(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat(map(get(deployment, "spec.strategy.rollingUpdate"))).containsEntry("maxSurge", 1)
			.containsEntry("maxUnavailable", 0);
		Map<String, Object> budget = chart.get("PodDisruptionBudget");
		assertThat(get(budget, "spec.maxUnavailable")).isEqualTo(1);
		assertThat(map(get(budget, "spec.selector.matchLabels")))
			.isEqualTo(map(get(deployment, "spec.selector.matchLabels")));
		assertThat(volume(chart, "data")).as("only the MNIST cache").containsKey("emptyDir");
		assertThat(mountPath(chart, "data")).isEqualTo(configMap(chart).get("DESCENT_DATA_DIR"));
	}

	@Test
	void splitRolesRenderAServeAndATrainDeploymentTheServiceSelectingServeOnly() {
		RenderedChart chart = RenderedChart.render(shared("roles.split", "true", "roles.train.replicas", "3",
				"roles.serve.autoscaling.enabled", "true", "roles.serve.autoscaling.maxReplicas", "5"));
		assertThat(chart.kinds()).containsExactly("ConfigMap", "Deployment", "Deployment", "HorizontalPodAutoscaler",
				"PodDisruptionBudget", "Service", "ServiceAccount");
		Map<String, Map<String, Object>> deployments = new java.util.HashMap<>();
		chart.all("Deployment").forEach((d) -> deployments.put(RenderedChart.name(d), d));
		assertThat(deployments).containsOnlyKeys("r-descent-serve", "r-descent-train");
		Map<String, Object> train = deployments.get("r-descent-train");
		Map<String, Object> serve = deployments.get("r-descent-serve");
		assertThat(get(train, "spec.replicas")).isEqualTo(3);
		assertThat(map(get(serve, "spec")).containsKey("replicas")).as("the autoscaler sets it").isFalse();
		assertThat(roleOf(train)).isEqualTo("train");
		assertThat(roleOf(serve)).isEqualTo("serve");
		for (Map<String, Object> deployment : deployments.values()) {
			assertThat(map(get(deployment, "spec.template.metadata.labels")))
				.containsAllEntriesOf((Map<String, Object>) map(get(deployment, "spec.selector.matchLabels")));
			Map<String, Object> container = maps(get(deployment, "spec.template.spec.containers")).get(0);
			assertThat(container).containsKeys("startupProbe", "livenessProbe", "readinessProbe");
		}
		assertThat(map(get(chart.get("Service"), "spec.selector"))).containsEntry("app.kubernetes.io/component",
				"serve");
		Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler");
		assertThat(get(hpa, "spec.scaleTargetRef.name")).isEqualTo("r-descent-serve");
		assertThat(get(hpa, "spec.maxReplicas")).isEqualTo(5);
	}

	private static String roleOf(Map<String, Object> deployment) {
		Map<String, Object> container = maps(get(deployment, "spec.template.spec.containers")).get(0);
		return maps(container.get("env")).stream()
			.filter((e) -> "DESCENT_ROLES".equals(e.get("name")))
			.map((e) -> (String) e.get("value"))
			.findFirst()
			.orElse(null);
	}

	@Test
	void sharedStorageGivesTheServiceItsDatabaseAndObjectStore() {
		RenderedChart chart = RenderedChart.render(shared("storage.objectStore.endpoint", "http://minio:9000",
				"storage.objectStore.prefix", "prod/", "storage.objectStore.region", "eu-west-1"));
		assertThat(configMap(chart)).containsEntry("DESCENT_STORAGE_KIND", "shared")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/descent")
			.containsEntry("SPRING_DATASOURCE_USERNAME", "descent")
			.containsEntry("DESCENT_STORAGE_S3_ENDPOINT", "http://minio:9000")
			.containsEntry("DESCENT_STORAGE_S3_BUCKET", "models")
			.containsEntry("DESCENT_STORAGE_S3_PREFIX", "prod/")
			.containsEntry("DESCENT_STORAGE_S3_REGION", "eu-west-1")
			.containsEntry("DESCENT_STORAGE_S3_PATHSTYLE", "true");
		assertThat(secretEnv(chart, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(List.of("db-secret", "password"));
		assertThat(secretEnv(chart, "AWS_ACCESS_KEY_ID")).isEqualTo(List.of("s3-keys", "access-key-id"));
		assertThat(secretEnv(chart, "AWS_SECRET_ACCESS_KEY")).isEqualTo(List.of("s3-keys", "secret-access-key"));
	}

	@Test
	void sharedStorageWithoutSecretsLeavesCredentialsToTheDefaults() {
		RenderedChart chart = RenderedChart.render("storage.kind", "shared", "storage.database.url",
				"jdbc:postgresql://db/descent", "storage.objectStore.bucket", "models");
		assertThat(chart.container().get("env")).as("no password, no keys: trust auth, a web identity...").isNull();
		assertThat(configMap(chart)).doesNotContainKeys("DESCENT_STORAGE_S3_ENDPOINT", "DESCENT_STORAGE_S3_PREFIX");
		assertThat(chart.get("Deployment")).isNotNull();
	}

	@Test
	void severalPodsOnFilesystemStorageAreRefused() {
		assertThatThrownBy(() -> RenderedChart.render("replicaCount", "2"))
			.hasMessageContaining("replicaCount 2 needs storage.kind shared");
		assertThat(get(RenderedChart.render("replicaCount", "1").get("Deployment"), "spec.replicas")).isEqualTo(1);
	}

	@Test
	void sharedStorageWithoutDatabaseOrBucketIsRefused() {
		assertThatThrownBy(() -> RenderedChart.render("storage.kind", "shared", "storage.objectStore.bucket", "b"))
			.hasMessageContaining("storage.kind shared needs storage.database.url");
		assertThatThrownBy(
				() -> RenderedChart.render("storage.kind", "shared", "storage.database.url", "jdbc:postgresql://db/d"))
			.hasMessageContaining("storage.kind shared needs storage.objectStore.bucket");
		assertThatThrownBy(() -> RenderedChart.render("storage.kind", "s3"))
			.hasMessageContaining("storage.kind must be filesystem or shared, got \"s3\"");
	}

	@Test
	void containerPortAndProbesAreTheOnesTheApplicationServes() {
		RenderedChart chart = RenderedChart.render();
		Map<String, Object> container = chart.container();
		Map<String, Object> port = maps(container.get("ports")).get(0);
		assertThat(port).containsEntry("name", "http").containsEntry("containerPort", app.port());
		assertThat(configMap(chart)).containsEntry("SERVER_PORT", String.valueOf(app.port()));
		assertProbe(container, "startupProbe", app.livenessPath());
		assertProbe(container, "livenessProbe", app.livenessPath());
		assertProbe(container, "readinessProbe", app.readinessPath());
		Map<String, Object> servicePort = maps(get(chart.get("Service"), "spec.ports")).get(0);
		assertThat(servicePort).containsEntry("targetPort", "http");
	}

	@Test
	void dataClaimIsMountedAtTheDataDirectoryTheServiceIsGiven() {
		RenderedChart chart = RenderedChart.render();
		String dataDir = configMap(chart).get("DESCENT_DATA_DIR");
		assertThat(dataDir).isEqualTo("/data");
		Map<String, Object> dataVolume = volume(chart, "data");
		assertThat(get(dataVolume, "persistentVolumeClaim.claimName"))
			.isEqualTo(RenderedChart.name(chart.get("PersistentVolumeClaim")));
		assertThat(mountPath(chart, "data")).isEqualTo(dataDir);
		Map<String, Object> configMapRef = map(maps(chart.container().get("envFrom")).get(0).get("configMapRef"));
		assertThat(configMapRef).containsEntry("name", RenderedChart.name(chart.get("ConfigMap")));
		assertThat(app.dataDirDefault()).as("descent.data-dir is the property DESCENT_DATA_DIR binds to").isNotNull();
	}

	@Test
	void podRunsAsNonRootOnAReadOnlyRootFilesystemWithTmpWritable() {
		RenderedChart chart = RenderedChart.render();
		assertThat(get(chart.podSpec(), "securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat((Integer) get(chart.podSpec(), "securityContext.runAsUser")).isPositive()
			.as("the uid of the image's user (Dockerfile useradd --uid)")
			.isEqualTo(imageUid());
		Map<String, Object> securityContext = map(chart.container().get("securityContext"));
		assertThat(securityContext).containsEntry("runAsNonRoot", true)
			.containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false);
		assertThat(list(get(securityContext, "capabilities.drop"))).containsExactly("ALL");
		assertThat(volume(chart, "tmp")).containsKey("emptyDir");
		assertThat(mountPath(chart, "tmp")).isEqualTo("/tmp");
		assertThat(chart.podSpec()).containsEntry("automountServiceAccountToken", false);
	}

	@Test
	void podCarriesPrometheusScrapeAnnotationsForTheActuatorEndpoint() {
		Map<String, Object> annotations = map(
				get(RenderedChart.render().get("Deployment"), "spec.template.metadata.annotations"));
		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/path", app.prometheusPath())
			.containsEntry("prometheus.io/port", String.valueOf(app.port()));
	}

	@Test
	void ingressAndServiceMonitorRouteToTheService() {
		RenderedChart chart = RenderedChart.render("ingress.enabled", "true", "metrics.serviceMonitor.enabled", "true");
		String service = RenderedChart.name(chart.get("Service"));
		Map<String, Object> rule = maps(get(chart.get("Ingress"), "spec.rules")).get(0);
		Map<String, Object> path = maps(get(rule, "http.paths")).get(0);
		assertThat(get(path, "backend.service.name")).isEqualTo(service);
		assertThat(get(path, "backend.service.port.name")).isEqualTo("http");
		Map<String, Object> monitor = chart.get("ServiceMonitor");
		Map<String, Object> endpoint = maps(get(monitor, "spec.endpoints")).get(0);
		assertThat(endpoint).containsEntry("port", "http")
			.containsEntry("path", app.prometheusPath())
			.containsEntry("honorLabels", true);
		assertThat(map(get(chart.get("Service"), "metadata.labels")))
			.containsAllEntriesOf(map(get(monitor, "spec.selector.matchLabels")));
	}

	@Test
	void apiKeysGoFromASecretToTheSecurityProperty() {
		RenderedChart chart = RenderedChart.render("apiKeys.keys[0]", "k1", "apiKeys.keys[1]", "k2");
		Map<String, Object> secret = chart.get("Secret");
		assertThat(map(secret.get("stringData"))).containsEntry("api-keys", "k1,k2");
		Map<String, Object> env = apiKeysEnv(chart);
		assertThat(get(env, "valueFrom.secretKeyRef.name")).isEqualTo(RenderedChart.name(secret));
		assertThat(get(env, "valueFrom.secretKeyRef.key")).isEqualTo("api-keys");
	}

	@Test
	void anExistingApiKeySecretIsUsedAsIs() {
		RenderedChart chart = RenderedChart.render("apiKeys.existingSecret", "mine");
		assertThat(chart.find("Secret")).isEmpty();
		assertThat(get(apiKeysEnv(chart), "valueFrom.secretKeyRef.name")).isEqualTo("mine");
		assertThat(RenderedChart.render().container().get("env")).isNull();
	}

	@Test
	void withoutPersistenceTheDataDirectoryIsAnEmptyDir() {
		RenderedChart chart = RenderedChart.render("persistence.enabled", "false");
		assertThat(chart.find("PersistentVolumeClaim")).isEmpty();
		assertThat(volume(chart, "data")).containsKey("emptyDir");
		assertThat(mountPath(chart, "data")).isEqualTo(configMap(chart).get("DESCENT_DATA_DIR"));
	}

	@Test
	void notesTellHowToReachTheService() {
		String output = new Helm(RenderedChart.CHART).install()
			.withName(RenderedChart.RELEASE)
			.withNamespace("ml")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(output).contains("NOTES:")
			.contains("port-forward svc/r-descent 8080:" + app.port())
			.contains("$URL" + app.healthPath());
	}

	/** Shared storage values with both Secrets, then {@code more} pairs. */
	private static String[] shared(String... more) {
		List<String> values = new ArrayList<>(List.of("storage.kind", "shared", "storage.database.url",
				"jdbc:postgresql://db:5432/descent", "storage.database.existingSecret", "db-secret",
				"storage.objectStore.bucket", "models", "storage.objectStore.existingSecret", "s3-keys"));
		values.addAll(List.of(more));
		return values.toArray(String[]::new);
	}

	/** The Secret name and key an environment variable is read from. */
	private static List<Object> secretEnv(RenderedChart chart, String name) {
		Map<String, Object> env = maps(chart.container().get("env")).stream()
			.filter((e) -> name.equals(e.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " env"));
		return List.of(get(env, "valueFrom.secretKeyRef.name"), get(env, "valueFrom.secretKeyRef.key"));
	}

	@Test
	void notesNameTheSharedStores() {
		InstallCommand install = new Helm(RenderedChart.CHART).install().withName(RenderedChart.RELEASE);
		String[] values = shared("replicaCount", "2");
		for (int i = 0; i < values.length; i += 2) {
			install.set(values[i], values[i + 1]);
		}
		String output = install.dryRun().clientOnly().call().getOutput();
		assertThat(output).contains("descent is starting: 2 pod(s) on shared storage")
			.contains("jdbc:postgresql://db:5432/descent")
			.contains("bucket models");
	}

	private static void assertProbe(Map<String, Object> container, String probe, String path) {
		assertThat(get(container, probe + ".httpGet.path")).as(probe).isEqualTo(path);
		assertThat(get(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> configMap(RenderedChart chart) {
		return (Map<String, String>) get(chart.get("ConfigMap"), "data");
	}

	private static Map<String, Object> volume(RenderedChart chart, String name) {
		return maps(chart.podSpec().get("volumes")).stream()
			.filter((v) -> name.equals(v.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No volume " + name));
	}

	private static String mountPath(RenderedChart chart, String volume) {
		List<Map<String, Object>> mounts = maps(chart.container().get("volumeMounts"));
		return mounts.stream()
			.filter((m) -> volume.equals(m.get("name")))
			.map((m) -> (String) m.get("mountPath"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Volume " + volume + " not mounted: " + mounts));
	}

	private static Map<String, Object> apiKeysEnv(RenderedChart chart) {
		return maps(chart.container().get("env")).stream()
			.filter((e) -> "DESCENT_SECURITY_API_KEYS".equals(e.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No DESCENT_SECURITY_API_KEYS env"));
	}

	/** The uid the Dockerfile gives the image's non-root user. */
	private static int imageUid() {
		try {
			Matcher uid = Pattern.compile("useradd [^\\n]*--uid (\\d+)")
				.matcher(String.join(" ", DockerfileInstructions.arguments("RUN")));
			assertThat(uid.find()).as("a RUN useradd --uid in the Dockerfile").isTrue();
			return Integer.parseInt(uid.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
