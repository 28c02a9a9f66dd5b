package dev.descent.oip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSample;
import dev.descent.engine.Network;
import dev.descent.engine.Trainer;
import dev.descent.engine.TrainingConfig;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Open Inference Protocol over real HTTP with the whole service: a network trained on
 * the committed MNIST sample answers through v2 exactly what it answers through
 * {@code /predict}, on 100 real test images and in every datatype and shape form; every
 * answer conforms to the protocol's schema for its type; every error is {@code {"error"}}
 * (never problem+json, never a 500), also those refused before Spring MVC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descent.limits.max-body-size=2MB")
class OipHttpTest {

	private static final DataSet TEST = MnistSample.test();

	private static final int IMAGES = 100;

	@TempDir
	static Path dataDir;

	@LocalServerPort
	int port;

	@Autowired
	ModelRepository repository;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", () -> dataDir.toString());
	}

	/** Once per context: a trained "mnist" and a "broken" whose weights lost a bit. */
	@BeforeEach
	void registerModels() throws IOException {
		if (!this.repository.list().isEmpty()) {
			return;
		}
		Network trained = new Trainer(
				new TrainingConfig(dev.descent.engine.NetworkSpec.sigmoid(784, 30, 10), dev.descent.engine.Init.NORMAL,
						dev.descent.engine.Cost.QUADRATIC, new dev.descent.engine.Sgd(3.0), 2, 10, 0.0, 7, 0))
			.train(MnistSample.training(), TEST, (r, n) -> {
			}, () -> false)
			.network();
		this.repository.register("mnist", trained, provenance());
		this.repository.register("broken", trained, provenance());
		Path weights = dataDir.resolve("models/broken/v1/weights.bin");
		byte[] bytes = Files.readAllBytes(weights);
		bytes[100] ^= 0x01;
		Files.write(weights, bytes);
	}

	@Test
	void serverMetadataLivenessAndReadinessConform() throws Exception {
		HttpResponse<String> metadata = send("GET", "/v2", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode server = tree(OipSchemas.SERVER_METADATA, metadata);
		assertThat(server.get("name").asString()).isEqualTo("descent");
		assertThat(server.get("version").asString()).isEqualTo(buildVersion());
		assertThat(server.get("extensions").toString()).isEqualTo("[\"model_repository\"]");
		HttpResponse<String> live = send("GET", "/v2/health/live", null);
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(tree(OipSchemas.LIVE, live).get("live").asBoolean()).isTrue();
		HttpResponse<String> ready = send("GET", "/v2/health/ready", null);
		boolean actuatorUp = send("GET", "/actuator/health/readiness", null).statusCode() == 200;
		assertThat(ready.statusCode()).isEqualTo(actuatorUp ? 200 : 503);
		assertThat(tree(OipSchemas.READY, ready).get("ready").asBoolean()).isEqualTo(actuatorUp);
	}

	@Test
	void predictionsEqualPredictsOnAHundredTestImagesInEveryDatatype() throws Exception {
		double[][] images = IntStream.range(0, IMAGES).mapToObj(TEST::image).toArray(double[][]::new);
		JsonNode expected = this.json.readTree(post("/predict",
				"{\"instances\":" + Arrays.stream(images).map(OipHttpTest::array).collect(joinArray()) + "}")
			.body());
		String decimals = Arrays.stream(images).map(OipHttpTest::values).collect(Collectors.joining(","));
		String rows = Arrays.stream(images).map(OipHttpTest::squareRows).collect(joinArray());
		String bytes = IntStream.range(0, IMAGES).mapToObj(OipHttpTest::rawValues).collect(Collectors.joining(","));
		for (String body : List.of(body("FP64", "[100,784]", "[" + decimals + "]"), body("FP32", "[100,28,28]", rows),
				body("UINT8", "[100,784]", "[" + bytes + "]"))) {
			HttpResponse<String> answer = post("/v2/models/mnist/infer", body);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode response = tree(OipSchemas.INFERENCE, answer);
			assertThat(response.get("model_name").asString()).isEqualTo("mnist");
			assertThat(response.get("model_version").asString()).isEqualTo("1");
			assertSameAsPredict(response, expected.get("predictions"));
		}
	}

	private static void assertSameAsPredict(JsonNode response, JsonNode predictions) {
		JsonNode probabilities = output(response, "probabilities");
		JsonNode digits = output(response, "digit");
		assertThat(probabilities.get("datatype").asString()).isEqualTo("FP32");
		assertThat(probabilities.get("shape").toString()).isEqualTo("[100,10]");
		assertThat(digits.get("datatype").asString()).isEqualTo("INT64");
		assertThat(digits.get("shape").toString()).isEqualTo("[100]");
		List<Integer> seen = new ArrayList<>();
		for (int i = 0; i < IMAGES; i++) {
			JsonNode prediction = predictions.get(i);
			assertThat(digits.get("data").get(i).asInt()).isEqualTo(prediction.get("digit").asInt());
			for (int j = 0; j < 10; j++) {
				float expected = (float) prediction.get("output").get(j).asDouble();
				assertThat(probabilities.get("data").get(i * 10 + j).floatValue()).isEqualTo(expected);
			}
			seen.add(prediction.get("digit").asInt());
		}
		assertThat(seen.stream().distinct().count()).as("a trained network tells the digits apart").isGreaterThan(5);
	}

	@Test
	void oneImageInEachFormHonoursOutputsAndEchoesTheId() throws Exception {
		double[] image = TEST.image(0);
		int digit = this.json.readTree(post("/predict", "{\"pixels\":" + array(image) + "}").body())
			.get("digit")
			.asInt();
		List<String> bodies = List.of(body("FP32", "[784]", array(image)), body("FP64", "[28,28]", squareRows(0)),
				body("FP32", "[1,784]", "[" + array(image) + "]"), body("FP32", "[1,28,28]", "[" + squareRows(0) + "]"),
				body("UINT8", "[28,28]", "[" + rawValues(0) + "]"));
		for (String body : bodies) {
			JsonNode response = tree(OipSchemas.INFERENCE, post("/v2/models/mnist/versions/1/infer", body));
			assertThat(output(response, "digit").get("data").toString()).as(body.substring(0, 60))
				.isEqualTo("[" + digit + "]");
			assertThat(output(response, "probabilities").get("shape").toString()).isEqualTo("[1,10]");
			assertThat(response.has("id")).isFalse();
		}
		String withId = "{\"id\":\"req-7\",\"inputs\":[" + PixelsInputTest.input("FP32", "[784]", array(image))
				+ "],\"outputs\":[{\"name\":\"digit\"}]}";
		JsonNode response = tree(OipSchemas.INFERENCE, post("/v2/models/mnist/infer", withId));
		assertThat(response.get("id").asString()).isEqualTo("req-7");
		assertThat(response.get("outputs")).hasSize(1);
		assertThat(output(response, "digit").get("data").toString()).isEqualTo("[" + digit + "]");
	}

	@Test
	void predictionsAreCountedInThePerVersionMetrics() throws Exception {
		double before = predictionsCounted("mnist", "1");
		String body = body("FP64", "[3,784]",
				"[" + values(TEST.image(0)) + "," + values(TEST.image(1)) + "," + values(TEST.image(2)) + "]");
		assertThat(post("/v2/models/mnist/infer", body).statusCode()).isEqualTo(200);
		assertThat(predictionsCounted("mnist", "1")).isEqualTo(before + 3);
	}

	private double predictionsCounted(String model, String version) throws Exception {
		String scrape = send("GET", "/actuator/prometheus", null).body();
		Matcher count = Pattern
			.compile("descent_predictions_total\\{model=\"" + model + "\",version=\"" + version + "\"} (\\S+)")
			.matcher(scrape);
		return count.find() ? Double.parseDouble(count.group(1)) : 0.0;
	}

	@Test
	void modelMetadataAndReadinessConform() throws Exception {
		for (String path : List.of("/v2/models/mnist", "/v2/models/mnist/versions/1")) {
			HttpResponse<String> answer = send("GET", path, null);
			assertThat(answer.statusCode()).isEqualTo(200);
			JsonNode metadata = tree(OipSchemas.MODEL_METADATA, answer);
			assertThat(metadata.get("name").asString()).isEqualTo("mnist");
			assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");
			assertThat(metadata.get("platform").asString()).isEqualTo("descent_modelv1");
			assertThat(metadata.get("inputs").toString())
				.isEqualTo("[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"shape\":[-1,784]}]");
			assertThat(metadata.get("outputs").toString())
				.isEqualTo("[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,10]},"
						+ "{\"name\":\"digit\",\"datatype\":\"INT64\",\"shape\":[-1]}]");
		}
		for (String path : List.of("/v2/models/mnist/ready", "/v2/models/mnist/versions/1/ready")) {
			HttpResponse<String> answer = send("GET", path, null);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(tree(OipSchemas.MODEL_READY, answer).toString())
				.isEqualTo("{\"name\":\"mnist\",\"ready\":true}");
		}
	}

	@Test
	void aCorruptVersionIsRefusedNotReadyAndIndexedUnavailable() throws Exception {
		HttpResponse<String> refused = post("/v2/models/broken/infer", body("FP32", "[784]", array(TEST.image(0))));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(error(refused)).contains("checksum");
		HttpResponse<String> ready = send("GET", "/v2/models/broken/versions/1/ready", null);
		assertThat(ready.statusCode()).isEqualTo(503);
		assertThat(tree(OipSchemas.MODEL_READY, ready).toString()).isEqualTo("{\"name\":\"broken\",\"ready\":false}");
		JsonNode index = tree(OipSchemas.INDEX, post("/v2/repository/index", ""));
		JsonNode broken = entry(index, "broken");
		assertThat(broken.get("state").asString()).isEqualTo("UNAVAILABLE");
		assertThat(broken.get("reason").asString()).contains("checksum");
		assertThat(entry(index, "mnist").toString())
			.isEqualTo("{\"name\":\"mnist\",\"version\":\"1\",\"state\":\"READY\",\"reason\":\"\"}");
		JsonNode readyOnly = tree(OipSchemas.INDEX, post("/v2/repository/index", "{\"ready\":true}"));
		assertThat(readyOnly.toString()).contains("\"mnist\"").doesNotContain("\"broken\"");
		assertThat(tree(OipSchemas.INDEX, post("/v2/repository/index", "{\"ready\":false}"))).hasSize(index.size());
	}

	static Stream<Arguments> errors() {
		String image = array(TEST.image(0));
		String one = body("FP32", "[784]", image);
		return Stream.of(arguments("POST", "/v2/models/nope/infer", one, 404, "no model named 'nope'"),
				arguments("POST", "/v2/models/mnist/versions/9/infer", one, 404, "model mnist has no version 9"),
				arguments("POST", "/v2/models/mnist/versions/x/infer", one, 400,
						"version must be an integer >= 1, got 'x'"),
				arguments("POST", "/v2/models/Bad/infer", one, 400, "name"),
				arguments("GET", "/v2/models/nope", null, 404, "no model named 'nope'"),
				arguments("GET", "/v2/models/mnist/versions/0", null, 400, "version must be an integer >= 1, got '0'"),
				arguments("GET", "/v2/models/nope/ready", null, 404, "no model named 'nope'"),
				arguments("POST", "/v2/models/mnist/infer", "{\"inputs\":[", 400, "the body is not valid JSON"),
				arguments("POST", "/v2/models/mnist/infer", "{\"inputs\":[{\"name\":}]}", 400,
						"the body is not valid JSON at line 1, column 20"),
				arguments("POST", "/v2/models/mnist/infer", "", 400, "the body is empty"),
				arguments("POST", "/v2/models/mnist/infer", body("INT32", "[784]", image), 400,
						"input 'pixels': datatype 'INT32' is not accepted; send FP32, FP64 or UINT8"),
				arguments("POST", "/v2/models/mnist/infer", body("FP32", "[1,783]", image), 400,
						"input 'pixels': shape [1,783] has 783 values per image, expected 784"),
				arguments("POST", "/v2/models/mnist/infer", body("FP32", "[2,784]", image), 400,
						"input 'pixels': data has 784 values, shape [2,784] needs 1568"),
				arguments("POST", "/v2/models/mnist/infer", body("FP32", "[784]", image.replaceFirst("0\\.0", "7")),
						400, "input 'pixels': data[0] is 7, expected a value in [0,1]"),
				arguments("POST", "/v2/models/mnist/infer",
						"{\"inputs\":[" + PixelsInputTest.input("FP32", "[784]", image)
								+ "],\"outputs\":[{\"name\":\"logits\"}]}",
						400, "output 'logits' is not an output of model 'mnist'"),
				arguments("POST", "/v2/models/mnist/infer", "{\"inputs\":[]}", 400,
						"the request has no inputs; model 'mnist' takes one, 'pixels'"),
				arguments("POST", "/v2/models/mnist/infer", "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]", 400,
						"the body must be a JSON object"),
				arguments("POST", "/v2/models/mnist/infer",
						"{\"inputs\":[{\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}]}", 400,
						"the body is not valid JSON"),
				arguments("POST", "/v2/models/mnist/infer", body("FP32", "[784]", "[" + "1".repeat(2000) + "]"), 400,
						"the body is not valid JSON"),
				arguments("POST", "/v2/repository/index", "{\"ready\":\"yes\"}", 400, "ready must be true or false"),
				arguments("POST", "/v2/repository/models/mnist/load", "", 400, "load and unload are not supported"),
				arguments("GET", "/v2/nothing/here", null, 404, "no endpoint of the Open Inference Protocol"),
				arguments("GET", "/v2/models/mnist/versions/1/ready/extra", null, 404, "no endpoint"),
				arguments("POST", "/v2/health/live", "{}", 405, "POST is not allowed here; this endpoint answers GET"),
				arguments("DELETE", "/v2/models/mnist", null, 405, "this endpoint answers GET"),
				arguments("GET", "/v2/models/mnist/infer", null, 405, "this endpoint answers POST"),
				arguments("PUT", "/v2", "{}", 405, "this endpoint answers GET"));
	}

	@ParameterizedTest
	@MethodSource("errors")
	void errorsAreTheProtocolsBodyNamingTheProblem(String method, String path, String body, int status, String message)
			throws Exception {
		HttpResponse<String> answer = send(method, path, body);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(error(answer)).contains(message);
	}

	@Test
	void wrongMethodsSayWhatIsAllowed() throws Exception {
		assertThat(send("POST", "/v2/health/ready", "{}").headers().firstValue("Allow")).hasValue("GET, HEAD");
		assertThat(send("GET", "/v2/models/mnist/versions/1/infer", null).headers().firstValue("Allow"))
			.hasValue("POST");
		HttpResponse<String> options = send("OPTIONS", "/v2/models/mnist", null);
		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
		assertThat(send("OPTIONS", "/v2/nothing", null).statusCode()).isEqualTo(404);
		assertThat(send("HEAD", "/v2/health/live", null).statusCode()).isEqualTo(200);
	}

	@Test
	void refusalsBeforeSpringMvcAreTheProtocolsBodyToo() throws Exception {
		String large = body("FP64", "[784]", "[" + "0.5,".repeat(600_000) + "0.5]");
		assertThat(large.length()).isGreaterThan(2 * 1024 * 1024);
		HttpResponse<String> tooLarge = send("POST", "/v2/models/mnist/infer", large);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(error(tooLarge)).contains("larger than the 2097152 bytes allowed");
		HttpRequest chunked = request("/v2/models/mnist/infer").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes())))
			.build();
		HttpResponse<String> chunkedTooLarge = this.http.send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(chunkedTooLarge.statusCode()).isEqualTo(413);
		assertThat(error(chunkedTooLarge)).contains("larger than the 2097152 bytes allowed");
		for (String contentType : List.of("*/*", "multipart/form-data; boundary=x", "not a type")) {
			HttpRequest request = request("/v2/models/mnist/infer").header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			HttpResponse<String> refused = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(contentType).isEqualTo(415);
			assertThat(error(refused)).isNotBlank();
		}
		HttpRequest html = request("/v2/models/nope").header("Accept", "text/html").GET().build();
		HttpResponse<String> notFound = this.http.send(html, HttpResponse.BodyHandlers.ofString());
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(error(notFound)).isEqualTo("no model named 'nope'");
	}

	@Test
	void descentsOwnApiKeepsProblemJson() throws Exception {
		HttpResponse<String> predict = post("/predict", "{\"pixels\":[0.5]}");
		assertThat(predict.statusCode()).isEqualTo(400);
		assertThat(predict.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		HttpResponse<String> unknown = send("GET", "/v2x/models", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		String large = "{\"pixels\":[" + "0.5,".repeat(600_000) + "0.5]}";
		assertThat(post("/predict", large).headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/problem+json");
	}

	@Test
	void theSchemasRefuseWhatTheProtocolDoesNotAllow() {
		assertThat(OipSchemas.errors(OipSchemas.INFERENCE, "{\"outputs\":[]}")).isNotEmpty();
		assertThat(OipSchemas.errors(OipSchemas.ERROR, "{\"type\":\"x\",\"title\":\"y\",\"status\":400}")).isNotEmpty();
		assertThat(OipSchemas.errors(OipSchemas.MODEL_METADATA,
				"{\"name\":\"m\",\"platform\":\"p\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FLOAT\",\"shape\":[1]}],"
						+ "\"outputs\":[]}"))
			.isNotEmpty();
		assertThat(OipSchemas.errors(OipSchemas.INDEX, "[{\"name\":\"m\",\"state\":\"READY\"}]")).isNotEmpty();
	}

	private String error(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(answer.body())
			.startsWith("application/json");
		return tree(OipSchemas.ERROR, answer).get("error").asString();
	}

	private JsonNode tree(String schema, HttpResponse<String> answer) {
		return this.json.readTree(OipSchemas.assertConforms(schema, answer.body()));
	}

	private static JsonNode output(JsonNode response, String name) {
		for (JsonNode output : response.get("outputs")) {
			if (output.get("name").asString().equals(name)) {
				return output;
			}
		}
		throw new AssertionError("no output " + name + " in " + response);
	}

	private static JsonNode entry(JsonNode index, String name) {
		for (JsonNode entry : index) {
			if (entry.get("name").asString().equals(name)) {
				return entry;
			}
		}
		throw new AssertionError("no entry " + name + " in " + index);
	}

	private static String buildVersion() throws IOException {
		java.util.Properties build = new java.util.Properties();
		try (var in = OipHttpTest.class.getResourceAsStream("/META-INF/build-info.properties")) {
			build.load(in);
		}
		return build.getProperty("build.version");
	}

	static String body(String datatype, String shape, String data) {
		return PixelsInputTest.body(datatype, shape, data);
	}

	static String array(double[] image) {
		return "[" + values(image) + "]";
	}

	static String values(double[] image) {
		return PixelsInputTest.flat(image);
	}

	/** Test image {@code i} as 28 rows of 28, in its 0..255 bytes when raw. */
	private static String squareRows(int i) {
		double[] image = TEST.image(i);
		return IntStream.range(0, 28)
			.mapToObj((r) -> array(Arrays.copyOfRange(image, r * 28, r * 28 + 28)))
			.collect(joinArray());
	}

	private static String squareRows(double[] image) {
		return IntStream.range(0, 28)
			.mapToObj((r) -> array(Arrays.copyOfRange(image, r * 28, r * 28 + 28)))
			.collect(joinArray());
	}

	static String rawValues(int i) {
		byte[] raw = new byte[DataSet.IMAGE_SIZE];
		TEST.rawImage(i, raw, 0);
		return IntStream.range(0, raw.length)
			.mapToObj((j) -> Integer.toString(raw[j] & 0xff))
			.collect(Collectors.joining(","));
	}

	private static java.util.stream.Collector<CharSequence, ?, String> joinArray() {
		return Collectors.joining(",", "[", "]");
	}

	private static TrainingProvenance provenance() {
		return new TrainingProvenance("j-1", "quadratic", "normal", "sgd", Map.of("learningRate", 3.0), 10, 2, 0.0, 7L,
				2000, 0, List.of(), "mnist", Map.of());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send("POST", path, body);
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest request = request(path).header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

}
