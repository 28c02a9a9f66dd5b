package dev.descent.storage.shared;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code initdb}, {@code pg_ctl}
 * under /usr/lib/postgresql/N/bin, which {@code .ci/run} installs), a fresh cluster in a
 * temporary directory under target/, listening on 127.0.0.1 at a free port, with the
 * superuser {@code descent} and trust authentication. The server refuses to run as root,
 * so as root (CI) every command runs as the {@code postgres} user through
 * {@code runuser}. {@link #stop()} and {@link #start()} keep the data and the port, for
 * outage tests.
 *
 * <p>
 * When the binaries are absent the test is aborted with the reason, or fails with
 * CI=true.
 */
public final class PostgresServer implements AutoCloseable {

	private static final String USER = "descent";

	private static final AtomicInteger databases = new AtomicInteger();

	private final Path bin;

	private final Path dir;

	private final int port;

	private boolean running;

	private PostgresServer(Path bin, Path dir, int port) {
		this.bin = bin;
		this.dir = dir;
		this.port = port;
	}

	/**
	 * Creates a cluster and starts it.
	 */
	public static PostgresServer launch() throws IOException {
		Path bin = binaries();
		Path dir = workDirectory();
		PostgresServer server = new PostgresServer(bin, dir, freePort());
		server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER, "--auth=trust",
				"--encoding=UTF8", "--locale=C.UTF-8"));
		server.start();
		return server;
	}

	/** The server's own database, {@code postgres}. */
	public String jdbcUrl() {
		return jdbcUrl("postgres");
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public String username() {
		return USER;
	}

	/** Empty: the cluster trusts local connections. */
	public String password() {
		return "";
	}

	public int port() {
		return this.port;
	}

	/**
	 * @return the JDBC URL of a new, empty database whose name starts with {@code name}
	 * (made unique in this JVM)
	 */
	public String createDatabase(String name) {
		String database = (name.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet());
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database, ex);
		}
		return jdbcUrl(database);
	}

	/**
	 * Starts the server (again), on the same data and port; returns when it accepts
	 * connections.
	 */
	public synchronized void start() throws IOException {
		if (this.running) {
			return;
		}
		run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "60", "-l",
				this.dir.resolve("log").toString(), "-o",
				"-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
		this.running = true;
	}

	/**
	 * Stops the server (fast shutdown: open connections are cut), keeping its data.
	 */
	public synchronized void stop() throws IOException {
		if (!this.running) {
			return;
		}
		run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
		this.running = false;
	}

	/** Stops the server and deletes its data. */
	@Override
	public void close() throws IOException {
		try {
			stop();
		}
		finally {
			deleteTree(this.dir);
		}
	}

	private Path data() {
		return this.dir.resolve("data");
	}

	private void run(List<String> command) throws IOException {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		Path output = this.dir.resolve("command.log");
		Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("Timed out: " + String.join(" ", command));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted: " + String.join(" ", command), ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException("Failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n"
					+ Files.readString(output) + logTail());
		}
	}

	private String logTail() {
		try {
			return Files.readString(this.dir.resolve("log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * A directory under target/ that the server's user owns, its parents readable by it.
	 */
	private static Path workDirectory() throws IOException {
		Path target = Path.of("target").toAbsolutePath();
		Files.createDirectories(target);
		Path dir = Files.createTempDirectory(target, "postgres-");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		if (isRoot()) {
			UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
			Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
		}
		return dir;
	}

	static Path binaries() {
		Path found = null;
		Path root = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(root)) {
			try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
				for (Path version : versions) {
					if (Files.isExecutable(version.resolve("bin/initdb"))
							&& (found == null || version.compareTo(found) > 0)) {
						found = version;
					}
				}
			}
			catch (IOException ex) {
				found = null;
			}
		}
		if (found == null) {
			String message = "No PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): "
					+ "apt-get install postgresql";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(message + " (.ci/run installs it)");
			}
			Assumptions.abort(message);
		}
		return found.resolve("bin");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
