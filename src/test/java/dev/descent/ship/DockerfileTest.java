package dev.descent.ship;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Dockerfile against the application (no Docker engine here to build it; the
 * health check command itself is run against the real service by
 * {@code PrometheusScrapeIT}).
 */
class DockerfileTest {

	@Test
	void buildsOnAJdkAndRunsOnTheCurrentLtsJreFromSpringBootLayers() throws Exception {
		List<String> from = DockerfileInstructions.arguments("FROM");
		assertThat(from.get(0)).startsWith("eclipse-temurin:17-jdk");
		assertThat(from.get(from.size() - 1)).isEqualTo("eclipse-temurin:25-jre");
		assertThat(DockerfileInstructions.arguments("RUN"))
			.anyMatch((run) -> run.contains("./mvnw -B -DskipTests package"))
			.anyMatch((run) -> run.contains("-Djarmode=tools -jar descent.jar extract --layers --launcher"));
		assertThat(DockerfileInstructions.arguments("ENTRYPOINT").get(0)).contains("-XX:MaxRAMPercentage=75")
			.contains("org.springframework.boot.loader.launch.JarLauncher");
	}

	@Test
	void runsAsANonRootUserWithTheDataDirectoryOnAVolume() throws Exception {
		ApplicationSettings app = ApplicationSettings.load();
		String dataDir = DockerfileInstructions.env().get("DESCENT_DATA_DIR");
		assertThat(dataDir).isEqualTo("/data");
		assertThat(DockerfileInstructions.arguments("VOLUME")).containsExactly(dataDir);
		assertThat(DockerfileInstructions.arguments("USER")).singleElement()
			.satisfies((user) -> assertThat(user).doesNotStartWith("root").doesNotStartWith("0"));
		assertThat(DockerfileInstructions.arguments("EXPOSE")).containsExactly(String.valueOf(app.port()));
	}

	@Test
	void healthCheckAsksTheLivenessProbeOnTheServicePort() throws Exception {
		ApplicationSettings app = ApplicationSettings.load();
		List<String> command = DockerfileInstructions.healthCheckCommand();
		assertThat(command.get(0)).isEqualTo("bash");
		assertThat(command.get(2)).contains("${SERVER_PORT:-" + app.port() + "}")
			.contains("GET " + app.livenessPath() + " HTTP/1.0");
	}

	@Test
	void dockerIgnoreLetsOnlyTheBuildInputsIn() throws Exception {
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).filteredOn((line) -> !line.startsWith("#"))
			.containsExactly("*", "!mvnw", "!.mvn", "!pom.xml", "!src");
	}

}
