package dev.descent.ship;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the prometheus binary is; aborts (locally) or fails (in CI) when it is absent.
 */
final class PrometheusBinary {

	private PrometheusBinary() {
	}

	static Path find() {
		Path found = Path.of("/usr/bin/prometheus");
		if (!Files.isExecutable(found)) {
			found = onPath();
		}
		if (found == null) {
			String message = "No prometheus binary (/usr/bin/prometheus or on PATH): apt-get install prometheus";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(message + " (.ci/run installs it)");
			}
			Assumptions.abort(message);
		}
		return found;
	}

	private static Path onPath() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "prometheus");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
