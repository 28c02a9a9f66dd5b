package dev.descent.storage.shared;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real S3 API server for tests: S3Proxy (org.gaul:s3proxy, which the build copies as
 * one runnable jar to target/s3proxy/s3proxy.jar and passes as the system property
 * {@code s3proxy.jar}) with its filesystem backend, run as a separate Java process on a
 * free port with one bucket. MinIO has no Debian package and there is no Docker engine
 * here; S3Proxy needs only Java. {@link #stop()} and {@link #start()} keep the objects
 * and the port, for outage tests; {@link #objectFile} reaches an object's bytes, to
 * corrupt them as a failing disk would.
 */
public final class S3ProxyServer implements AutoCloseable {

	private static final String BUCKET = "descent";

	private static final String ACCESS_KEY = "descent-test";

	private static final String SECRET_KEY = "descent-test-secret";

	private final Path jar;

	private final Path dir;

	private final int port;

	private Process process;

	private S3ProxyServer(Path jar, Path dir, int port) {
		this.jar = jar;
		this.dir = dir;
		this.port = port;
	}

	/** Starts a server with an empty bucket {@link #bucket()}. */
	public static S3ProxyServer launch() throws IOException {
		Path jar = jar();
		Path target = Path.of("target").toAbsolutePath();
		Files.createDirectories(target);
		Path dir = Files.createTempDirectory(target, "s3proxy-");
		Files.createDirectories(dir.resolve("blobs").resolve(BUCKET));
		S3ProxyServer server = new S3ProxyServer(jar, dir, PostgresServer.freePort());
		Files.writeString(dir.resolve("s3proxy.conf"),
				String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + server.port,
						"s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
						"s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem",
						"jclouds.filesystem.basedir=" + dir.resolve("blobs"), ""));
		server.start();
		return server;
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public String bucket() {
		return BUCKET;
	}

	public String accessKey() {
		return ACCESS_KEY;
	}

	public String secretKey() {
		return SECRET_KEY;
	}

	/**
	 * @param key the object's full key in {@link #bucket()}
	 * @return the file that holds the object's bytes (the filesystem backend keeps each
	 * object as one file)
	 */
	public Path objectFile(String key) {
		return this.dir.resolve("blobs").resolve(BUCKET).resolve(key);
	}

	/**
	 * Starts the server (again) on the same port and objects; returns when it listens.
	 */
	public synchronized void start() throws IOException {
		if (this.process != null) {
			return;
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-jar", this.jar.toString(), "--properties", this.dir.resolve("s3proxy.conf").toString()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("log").toFile()))
			.start();
		awaitListening(Duration.ofSeconds(60));
	}

	/** Stops the server (its process is killed), keeping the objects. */
	public synchronized void stop() throws IOException {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping S3Proxy", ex);
		}
		this.process = null;
	}

	/**
	 * Freezes the server's process (SIGSTOP): connections are still accepted by the
	 * kernel, but nothing is answered, as a store that has become very slow.
	 */
	public synchronized void pause() throws IOException, InterruptedException {
		signal("STOP");
	}

	/** Lets a {@link #pause() paused} server go on (SIGCONT). */
	public synchronized void resume() throws IOException, InterruptedException {
		signal("CONT");
	}

	private void signal(String name) throws IOException, InterruptedException {
		if (this.process == null) {
			throw new IllegalStateException("S3Proxy is not running");
		}
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IOException("kill -" + name + " of S3Proxy failed");
		}
	}

	/** Stops the server and deletes its objects. */
	@Override
	public void close() throws IOException {
		try {
			stop();
		}
		finally {
			PostgresServer.deleteTree(this.dir);
		}
	}

	private void awaitListening(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("S3Proxy exited with " + this.process.exitValue() + ":\n" + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException notYet) {
				try {
					this.process.waitFor(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("Interrupted while starting S3Proxy", ex);
				}
			}
		}
		throw new IOException("S3Proxy did not listen within " + timeout + ":\n" + log());
	}

	private String log() throws IOException {
		Path log = this.dir.resolve("log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	private static Path jar() {
		String property = System.getProperty("s3proxy.jar");
		Path jar = Path.of((property != null) ? property : "target/s3proxy/s3proxy.jar");
		if (!Files.isRegularFile(jar)) {
			String message = "No S3Proxy jar at " + jar + ": the build copies it there (./mvnw process-test-resources)";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(message);
			}
			Assumptions.abort(message);
		}
		return jar;
	}

}
