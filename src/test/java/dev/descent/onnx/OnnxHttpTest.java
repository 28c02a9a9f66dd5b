package dev.descent.onnx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.descent.data.MnistSample;
import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.util.onnx.ONNXOperators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET .../model.onnx} and {@code POST /models/{name}/versions} over real HTTP:
 * what is exported runs in onnxruntime as /predict answers, what PyTorch exported is
 * served as onnxruntime runs it, and refused files leave the repository as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnnxHttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path dataDir;

	@LocalServerPort
	int port;

	@Autowired
	ModelRepository repository;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", () -> dataDir.toString());
	}

	@Test
	void anExportedVersionRunsInOnnxruntimeAsPredictAnswers() throws Exception {
		Network network = OnnxFixtures.reluSoftmax();
		this.repository.register("exported", network, provenance());
		HttpResponse<byte[]> file = get("/models/exported/versions/1/model.onnx");
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(file.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"exported-v1.onnx\"");
		double[][] images = sampleImages(100);
		JsonNode predicted = predict("exported", images);
		try (OnnxRuntime runtime = new OnnxRuntime(file.body())) {
			float[][] outputs = runtime.run("pixels", OnnxFixtures.toFloat(images));
			assertThat(runtime.session().getMetadata().getCustomMetadata()).containsEntry("descent.model", "exported")
				.containsEntry("descent.version", "1")
				.containsEntry("descent.weights_sha256",
						this.repository.version("exported", 1).metadata().weightsSha256());
			for (int i = 0; i < images.length; i++) {
				JsonNode prediction = predicted.path("predictions").path(i);
				assertThat(prediction.path("digit").asInt()).isEqualTo(Network.argmax(toDouble(outputs[i])));
				for (int j = 0; j < 10; j++) {
					assertThat((double) outputs[i][j]).isCloseTo(prediction.path("output").path(j).asDouble(),
							within(1e-5));
				}
			}
		}
		assertThat(JSON.readTree(provenance(file.body())).path("jobId").asString()).isEqualTo("j-onnx-http");
	}

	@Test
	void aPyTorchFileBecomesTheNextVersionAndPredictsWhatOnnxruntimePredicts() throws Exception {
		byte[] file = OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM);
		HttpResponse<byte[]> created = post("/models/torch/versions", "application/octet-stream", file);
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/models/torch/versions/1");
		JsonNode version = JSON.readTree(created.body());
		assertThat(version.path("layers").toString()).isEqualTo("[784,30,10]");
		assertThat(version.path("hiddenActivation").asString()).isEqualTo("relu");
		assertThat(version.path("outputActivation").asString()).isEqualTo("softmax");
		assertThat(version.path("importedFrom").path("format").asString()).isEqualTo("onnx");
		assertThat(version.path("importedFrom").path("sha256").asString()).isEqualTo(Sha256.hex(file));
		assertThat(version.path("importedFrom").path("size").asLong()).isEqualTo(file.length);
		assertThat(version.path("importedFrom").path("producer").asString()).isEqualTo("pytorch 1.13.0");
		assertThat(version.path("jobId").isNull()).isTrue();
		assertThat(JSON.readTree(get("/models/torch/versions/1").body()).path("importedFrom").path("sha256").asString())
			.isEqualTo(Sha256.hex(file));

		double[][] images = sampleImages(200);
		JsonNode predicted = predict("torch", images);
		try (OnnxRuntime runtime = new OnnxRuntime(file)) {
			float[][] expected = runtime.run("pixels", OnnxFixtures.toFloat(images));
			for (int i = 0; i < images.length; i++) {
				JsonNode prediction = predicted.path("predictions").path(i);
				assertThat(prediction.path("digit").asInt()).as("image %d", i)
					.isEqualTo(Network.argmax(toDouble(expected[i])));
				assertThat(prediction.path("output").path(3).asDouble()).isCloseTo(expected[i][3], within(1e-5));
			}
		}
		assertThat(post("/models/torch/versions", "application/octet-stream", file).headers().firstValue("Location"))
			.hasValue("/models/torch/versions/2");
	}

	@Test
	void refusedFilesAnswer400NamingTheNodeAndStoreNothing() throws Exception {
		post("/models/kept/versions", "application/octet-stream", OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM));
		String before = listing();
		byte[] gemm = OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM);
		assertRefused(OnnxFiles.resource(OnnxFiles.PYTORCH_CONV), "node 0 (Conv)",
				"node 0 (Conv) is not supported: descent runs fully connected layers");
		assertRefused(OnnxFiles.oneLayer(783, 10, Map.of(), ONNXOperators.SOFTMAX), "input 'pixels'",
				"input 'pixels' has shape [batch,783]: descent's networks take 784 values per image (28×28 pixels)");
		assertRefused(Arrays.copyOf(gemm, gemm.length - 100), "the file",
				"the file is not a readable ONNX model (truncated, or not ONNX): ");
		assertThat(listing()).isEqualTo(before);
		assertThat(post("/models/kept/versions", "application/octet-stream", gemm).headers().firstValue("Location"))
			.as("no version number was used up by the refusals")
			.hasValue("/models/kept/versions/2");
		assertThat(Files.exists(dataDir.resolve("models").resolve("kept").resolve("v3"))).isFalse();
	}

	@Test
	void theBodyIsLimitedAsEveryRequestBodyIs() throws Exception {
		HttpResponse<byte[]> tooLarge = post("/models/big/versions", "application/octet-stream",
				new byte[9 * 1024 * 1024]);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(get("/models/big/versions").statusCode()).isEqualTo(404);
	}

	@Test
	void exportNamesWhatIsMissing() throws Exception {
		HttpResponse<byte[]> missing = get("/models/nothing-here/versions/1/model.onnx");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(new String(missing.body())).contains("nothing-here");
		HttpResponse<byte[]> badVersion = get("/models/nothing-here/versions/zero/model.onnx");
		assertThat(badVersion.statusCode()).isEqualTo(400);
		assertThat(new String(badVersion.body())).contains("version must be an integer >= 1");
	}

	private void assertRefused(byte[] file, String part, String detail) throws Exception {
		HttpResponse<byte[]> refused = post("/models/kept/versions", "application/octet-stream", file);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(refused.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://descent.dev/problems/unsupported-model");
		assertThat(problem.path("detail").asString()).startsWith(detail);
		assertThat(problem.path("part").asString()).isEqualTo(part);
	}

	private String listing() throws Exception {
		return new String(get("/models/kept/versions").body());
	}

	private JsonNode predict(String model, double[][] images) throws Exception {
		String body = "{\"model\":\"" + model + "\",\"instances\":" + Arrays.deepToString(images) + "}";
		HttpResponse<byte[]> response = post("/predict", "application/json", body.getBytes());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static String provenance(byte[] file) {
		return OnnxFiles.parse(file)
			.getMetadataPropsList()
			.stream()
			.filter((p) -> p.getKey().equals("descent.provenance"))
			.map((p) -> p.getValue())
			.collect(Collectors.joining());
	}

	private static double[][] sampleImages(int count) {
		double[][] images = new double[count][];
		for (int i = 0; i < count; i++) {
			images[i] = MnistSample.test().image(i);
		}
		return images;
	}

	private static double[] toDouble(float[] values) {
		double[] doubles = new double[values.length];
		for (int j = 0; j < values.length; j++) {
			doubles[j] = values[j];
		}
		return doubles;
	}

	private static TrainingProvenance provenance() {
		return new TrainingProvenance("j-onnx-http", "cross-entropy", "scaled", "sgd", Map.of("learningRate", 0.1), 10,
				1, 0.0, 7L, 2000, 0, List.of(), "mnist", Map.of());
	}

	private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String path, String contentType, byte[] body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
