package dev.descent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.JobStore;
import dev.descent.models.ModelStore;
import dev.descent.storage.StorageProperties;
import dev.descent.storage.StoreUnavailableException;
import dev.descent.storage.filesystem.FileDatasetStore;
import dev.descent.storage.filesystem.FileJobStore;
import dev.descent.storage.filesystem.FileModelStore;
import dev.descent.storage.filesystem.FileSweepStore;
import dev.descent.sweeps.SweepStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar descent.jar import --from DIR [--name=value]...}: copies a data
 * directory in the filesystem layout (models, aliases with their history, policies and
 * tags, job records and checkpoints, uploaded data sets, sweeps) into the stores the
 * service is configured with, normally {@code descent.storage.kind=shared}. Version
 * numbers, ids, times and checksums are kept. What the target already holds the same is
 * skipped, so running it twice changes nothing; what it holds otherwise is listed as a
 * conflict and left alone, and the command exits 1.
 */
public final class ImportCommand {

	static final String USAGE = """
			usage: java -jar descent.jar import --from DIR [--name=value]...
			  --from ./data               a data directory in the filesystem layout (descent.data-dir)
			  --name=value                any service property, e.g. --descent.storage.kind=shared
			                              --spring.datasource.url=jdbc:postgresql://db/descent
			                              (application.yml and the environment apply as for the service)
			""";

	private static final List<String> FEATURES = List.of("models", "jobs", "datasets", "sweeps");

	private ImportCommand() {
	}

	/**
	 * @return the process exit code: 0 imported (or already there), 2 bad options, 1 a
	 * conflict, an unreadable source or an unreachable store
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (List.of(args).contains("--help")) {
			out.print(USAGE);
			return 0;
		}
		Path from;
		List<String> properties = new ArrayList<>();
		try {
			from = parse(args, properties);
		}
		catch (IllegalArgumentException ex) {
			err.println("descent import: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		if (FEATURES.stream().noneMatch((feature) -> Files.isDirectory(from.resolve(feature)))) {
			err.println("descent import: " + from + " is not a data directory (none of " + FEATURES + " in it)");
			return 1;
		}
		try (ConfigurableApplicationContext context = context(properties)) {
			return copy(from, context, out, err);
		}
		catch (IOException | RuntimeException ex) {
			err.println("descent import: " + ex.getMessage());
			return 1;
		}
	}

	private static int copy(Path from, ConfigurableApplicationContext context, PrintStream out, PrintStream err)
			throws IOException {
		StorageProperties storage = context.getBean(StorageProperties.class);
		if (storage.storage().kind() == StorageProperties.Kind.FILESYSTEM && sameDirectory(from, storage.dataDir())) {
			err.println("descent import: --from " + from + " is the configured data directory itself");
			return 2;
		}
		out.println("importing " + from + " into the " + storage.storage().kind().name().toLowerCase() + " store");
		JsonMapper json = context.getBean(JsonMapper.class);
		ImportReport report = new ImportReport();
		try {
			RecordImport records = new RecordImport(report);
			records.datasets(new FileDatasetStore(from.resolve("datasets")), context.getBean(DatasetStore.class));
			new ModelImport(new FileModelStore(from.resolve("models"), json, Duration.ZERO),
					context.getBean(ModelStore.class), report)
				.run();
			records.jobs(new FileJobStore(from.resolve("jobs"), json), context.getBean(JobStore.class));
			records.sweeps(new FileSweepStore(from.resolve("sweeps"), json), context.getBean(SweepStore.class));
		}
		catch (StoreUnavailableException ex) {
			report.print(out, err);
			err.println("descent import: " + ex.getMessage() + "; run it again when the store is back");
			return 1;
		}
		report.print(out, err);
		return report.conflicts().isEmpty() ? 0 : 1;
	}

	/** The service's configuration, with only the storage beans and no web server. */
	private static ConfigurableApplicationContext context(List<String> properties) {
		SpringApplication application = new SpringApplication(ImportContext.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		// the readiness group names health indicators of features this context leaves out
		application.setDefaultProperties(
				Map.of("logging.level.root", "warn", "management.endpoint.health.validate-group-membership", "false"));
		return application.run(properties.toArray(String[]::new));
	}

	/**
	 * @param properties receives the {@code --name=value} arguments for Spring
	 * @return the {@code --from} directory
	 */
	private static Path parse(String[] args, List<String> properties) {
		String from = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--from") && i + 1 < args.length) {
				from = args[++i];
			}
			else if (arg.startsWith("--from=")) {
				from = arg.substring("--from=".length());
			}
			else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
				properties.add(arg);
			}
			else {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
		}
		if (from == null || from.isBlank()) {
			throw new IllegalArgumentException("--from is required");
		}
		return Path.of(from);
	}

	private static boolean sameDirectory(Path a, Path b) throws IOException {
		return Files.exists(b) && Files.isSameFile(a, b);
	}

}
