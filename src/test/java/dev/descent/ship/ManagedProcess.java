package dev.descent.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process started by a test, its output in a log file, stopped by
 * {@link #close()} however the test ended (and by a shutdown hook if the test JVM itself
 * is stopped).
 */
final class ManagedProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final Thread shutdownHook;

	private ManagedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.shutdownHook = new Thread(process::destroyForcibly, "stop-" + name);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ManagedProcess(name, process, log);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Fails with the end of the log when the process has exited. */
	void assertAlive() {
		if (!isAlive()) {
			throw new AssertionError(this.name + " exited with " + this.process.exitValue() + ":\n" + logTail());
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Asks the process to stop, then forces it, and waits until it has exited. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook runs anyway
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

}
