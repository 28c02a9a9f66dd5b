package dev.descent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.descent.models.CorruptModelException;
import dev.descent.models.InvalidModelRequestException;
import dev.descent.models.ModelNames;
import dev.descent.models.ModelNotFoundException;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.onnx.OnnxModels;
import dev.descent.storage.filesystem.FileModelStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar descent.jar export --model NAME [--version N] [--data-dir DIR]
 * [--output FILE]}: writes a stored version as ONNX without starting the service, as
 * {@code GET /models/{name}/versions/{v}/model.onnx} does. Without a version it exports
 * the version {@code /predict} would use: {@code production}, else the latest.
 */
public final class ExportCommand {

	static final Set<String> NAMES = Set.of("model", "version", "data-dir", "output");

	static final String USAGE = """
			usage: java -jar descent.jar export --model NAME [--option value]...
			  --model mnist               the model to export
			  --version 3                 the version (default: production, else the latest)
			  --data-dir ./data           the service's data directory (descent.data-dir)
			  --output NAME-vN.onnx       the file to write
			""";

	private ExportCommand() {
	}

	/**
	 * @return the process exit code: 0 written, 2 bad options, 1 the version cannot be
	 * exported or the file cannot be written
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (List.of(args).contains("--help")) {
			out.print(USAGE);
			return 0;
		}
		Map<String, String> options;
		try {
			options = options(args);
		}
		catch (IllegalArgumentException | InvalidModelRequestException ex) {
			err.println("descent export: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		Path dataDir = Path.of(options.getOrDefault("data-dir", "data"));
		if (!Files.isDirectory(dataDir.resolve("models"))) {
			err.println("descent export: " + dataDir.resolve("models") + " is not a model repository (--data-dir)");
			return 1;
		}
		try {
			ModelRepository repository = repository(dataDir);
			Integer version = options.containsKey("version") ? ModelNames.parseVersion(options.get("version")) : null;
			ModelRef ref = repository.resolve(options.get("model"), version, null);
			byte[] file = new OnnxModels(repository, JsonMapper.builder().build()).export(ref.name(), ref.version());
			Path output = Path.of(options.getOrDefault("output", ref.name() + "-v" + ref.version() + ".onnx"));
			Files.write(output, file);
			out.println("wrote version " + ref.version() + " of model " + ref.name() + " to " + output + " ("
					+ file.length + " bytes)");
			return 0;
		}
		catch (ModelNotFoundException | CorruptModelException | InvalidModelRequestException | IOException ex) {
			err.println("descent export: " + ex.getMessage());
			return 1;
		}
	}

	/** The repository as the service reads it; nothing is written to it. */
	private static ModelRepository repository(Path dataDir) {
		return new ModelRepository(
				new FileModelStore(dataDir.resolve("models"), JsonMapper.builder().build(), Duration.ZERO));
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> values = Options.parse(args, NAMES);
		if (!values.containsKey("model")) {
			throw new IllegalArgumentException("--model is required");
		}
		ModelNames.require(values.get("model"), "model");
		return values;
	}

}
