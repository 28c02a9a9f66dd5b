package dev.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import dev.descent.storage.filesystem.FileModelStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code java -jar descent.jar export}: a stored version to an .onnx file, without the
 * service.
 */
class ExportCommandTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Network first = network(1);

	private final Network second = network(2);

	@BeforeEach
	void storeTwoVersions() throws Exception {
		ModelRepository repository = new ModelRepository(
				new FileModelStore(this.dir.resolve("models"), JsonMapper.builder().build(), Duration.ZERO));
		TrainingProvenance provenance = new TrainingProvenance("j-cli", "quadratic", "normal", "sgd",
				Map.of("learningRate", 3.0), 10, 1, 0.0, 1L, 100, 0, List.of(), "mnist", Map.of());
		repository.register("digits", this.first, provenance);
		repository.register("digits", this.second, provenance);
	}

	@Test
	void writesTheNamedVersionAsOnnxThatRunsAsDescentDoes() throws Exception {
		Path output = this.dir.resolve("out.onnx");
		int code = run("--model", "digits", "--version", "1", "--data-dir", this.dir.toString(), "--output",
				output.toString());
		assertThat(code).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).startsWith("wrote version 1 of model digits to " + output);
		byte[] file = Files.readAllBytes(output);
		OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(file);
		assertThat(model.getMetadataPropsList()).anySatisfy((p) -> {
			assertThat(p.getKey()).isEqualTo("descent.version");
			assertThat(p.getValue()).isEqualTo("1");
		});
		float[] image = new float[784];
		double[] pixels = new double[784];
		for (int j = 0; j < 784; j++) {
			pixels[j] = (j % 17) / 16.0;
			image[j] = (float) pixels[j];
		}
		double[] expected = this.first.predict(pixels);
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession session = environment.createSession(file, new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(environment, new float[][] { image });
				OrtSession.Result result = session.run(Map.of("pixels", input))) {
			float[] actual = ((float[][]) result.get(0).getValue())[0];
			for (int j = 0; j < 10; j++) {
				assertThat((double) actual[j]).isCloseTo(expected[j], within(1e-5));
			}
		}
	}

	@Test
	void withoutAVersionWritesTheLatestUnderItsOwnName() throws Exception {
		Path cwdRelative = Path.of("digits-v2.onnx");
		try {
			assertThat(run("--model=digits", "--data-dir=" + this.dir)).as(this.err.toString()).isZero();
			assertThat(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(cwdRelative)).getModelVersion()).isEqualTo(2);
		}
		finally {
			Files.deleteIfExists(cwdRelative);
		}
	}

	@Test
	void namesWhatIsMissingOrWrong() {
		assertThat(run("--model", "digits", "--version", "9", "--data-dir", this.dir.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("descent export: ").contains("9").contains("digits");
		assertThat(run("--model", "digits", "--data-dir", this.dir.resolve("nowhere").toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("is not a model repository (--data-dir)");
		assertThat(run("--version", "1")).isEqualTo(2);
		assertThat(this.err.toString()).contains("descent export: --model is required").contains("usage:");
		assertThat(run("--model", "digits", "--colour", "red")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown option --colour");
	}

	private int run(String... args) {
		this.err.reset();
		return ExportCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static Network network(long seed) {
		return Network.initialise(NetworkSpec.sigmoid(784, 5, 10), Init.NORMAL, new SplittableRandom(seed));
	}

}
