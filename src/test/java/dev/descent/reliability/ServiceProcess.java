package dev.descent.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service ({@code -Ddescent.jar}) running as a separate process on a free
 * port, with its own data directory and the build's shared MNIST copy. Output goes to
 * {@code service-<n>.log} in the data directory's parent, kept for failed runs.
 */
final class ServiceProcess implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final int port;

	private final Path log;

	private final Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ServiceProcess(Process process, int port, Path log, Path dataDir) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.dataDir = dataDir;
	}

	/**
	 * Starts the jar and waits until it is ready.
	 * @param properties extra {@code -D} system properties
	 */
	static ServiceProcess start(Path dataDir, String logName, Map<String, String> properties) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
				"-Dserver.port=" + port, "-Ddescent.data-dir=" + dataDir.toAbsolutePath(),
				"-Ddescent.mnist.directory=" + Path.of("target/mnist").toAbsolutePath()));
		properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("-jar", jar()));
		Path log = dataDir.resolveSibling(logName + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, port, log, dataDir);
		service.awaitReady();
		return service;
	}

	private static String jar() {
		String jar = System.getProperty("descent.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("system property descent.jar must name the packaged jar, got " + jar);
		}
		return jar;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				if (get("/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the service was not ready within " + START_TIMEOUT + ":\n" + log());
	}

	/** The data directory's absolute path, which must never appear in a response. */
	String dataDirName() {
		return this.dataDir.toAbsolutePath().toString();
	}

	int port() {
		return this.port;
	}

	Process process() {
		return this.process;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET().build());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(
				request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)).build());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, BodyHandlers.ofString());
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60));
	}

	JsonNode getJson(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/** Polls {@code path} until its JSON satisfies {@code done}. */
	JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			last = getJson(path);
			if (done.test(last)) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(
				"GET " + path + " did not reach the expected state in " + timeout + "; last answer: " + last);
	}

	/** SIGKILL (on Linux), and wait for the process to be gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
