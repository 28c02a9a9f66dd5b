package dev.descent.ship;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the deployment files must agree with, read from the application's own
 * {@code src/main/resources/application.yml} rather than repeated in the tests: the HTTP
 * port, the actuator base path, and the data-directory property.
 *
 * @param port the port the service listens on ({@code server.port})
 * @param actuatorBasePath the actuator base path
 * ({@code management.endpoints.web.base-path})
 * @param dataDirDefault the default of {@code descent.data-dir}
 */
record ApplicationSettings(int port, String actuatorBasePath, String dataDirDefault) {

	static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");

	static ApplicationSettings load() throws IOException {
		Map<String, Object> yml = Yaml2.load(APPLICATION_YML);
		Object managementPort = Yaml2.get(yml, "management.server.port");
		int port = Integer.parseInt(String.valueOf(Yaml2.getOr(yml, "server.port", 8080)));
		if (managementPort != null && Integer.parseInt(managementPort.toString()) != port) {
			throw new IllegalStateException("The deployment files assume actuator on server.port");
		}
		String basePath = String.valueOf(Yaml2.getOr(yml, "management.endpoints.web.base-path", "/actuator"));
		return new ApplicationSettings(port, basePath, Objects.toString(Yaml2.get(yml, "descent.data-dir"), null));
	}

	String healthPath() {
		return this.actuatorBasePath + "/health";
	}

	String livenessPath() {
		return healthPath() + "/liveness";
	}

	String readinessPath() {
		return healthPath() + "/readiness";
	}

	String prometheusPath() {
		return this.actuatorBasePath + "/prometheus";
	}

}
