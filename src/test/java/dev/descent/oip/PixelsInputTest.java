package dev.descent.oip;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Reading an inference request and checking its {@code pixels} tensor: every shape and
 * datatype form gives the same images as the MNIST files, and every refusal names the
 * input and the problem.
 */
class PixelsInputTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_IMAGES = 3;

	private static final DataSet TEST = MnistSample.test();

	@Test
	void everyShapeFormOfOneImageGivesTheSameImage() {
		double[] image = TEST.image(0);
		for (String shape : List.of("[784]", "[28,28]", "[1,784]", "[1,28,28]")) {
			for (String data : List.of("[" + flat(image) + "]", nested(image, shape))) {
				double[][] read = read(body("FP64", shape, data));
				assertThat(read).as(shape + " " + data.substring(0, 8)).hasNumberOfRows(1);
				assertThat(read[0]).as(shape).containsExactly(image);
			}
		}
	}

	@Test
	void batchesKeepTheirOrderFlatOrNested() {
		double[][] images = { TEST.image(0), TEST.image(1), TEST.image(2) };
		String flat = Arrays.stream(images).map(PixelsInputTest::flat).collect(Collectors.joining(","));
		String rows = Arrays.stream(images)
			.map(PixelsInputTest::flat)
			.map((row) -> "[" + row + "]")
			.collect(Collectors.joining(","));
		String squares = Arrays.stream(images)
			.map((image) -> nested(image, "[28,28]"))
			.collect(Collectors.joining(","));
		for (String[] form : new String[][] { { "[3,784]", "[" + flat + "]" }, { "[3,784]", "[" + rows + "]" },
				{ "[3,28,28]", "[" + squares + "]" }, { "[3,28,28]", "[" + flat + "]" } }) {
			double[][] read = read(body("FP32", form[0], form[1]));
			assertThat(read).as(form[0]).isDeepEqualTo(images);
		}
	}

	@Test
	void uint8IsScaledAsTheMnistFilesAre() {
		byte[] raw = new byte[DataSet.IMAGE_SIZE];
		TEST.rawImage(4, raw, 0);
		String data = IntStream.range(0, raw.length)
			.mapToObj((i) -> Integer.toString(raw[i] & 0xff))
			.collect(Collectors.joining(",", "[", "]"));
		assertThat(read(body("UINT8", "[1,784]", data))[0]).containsExactly(TEST.image(4));
	}

	@Test
	void idAndRequestedOutputsAreRead() {
		String body = "{\"id\":\"42\",\"parameters\":{\"binary_data_output\":true},\"inputs\":["
				+ input("FP32", "[784]", "[" + flat(TEST.image(0)) + "]")
				+ "],\"outputs\":[{\"name\":\"digit\",\"parameters\":{}}],\"extra\":[1]}";
		InferenceRequest request = request(body);
		assertThat(request.id()).isEqualTo("42");
		assertThat(request.outputs()).containsExactly("digit");
		assertThat(Outputs.select(request.outputs(), "mnist")).containsExactly("digit");
		assertThat(Outputs.select(null, "mnist")).containsExactly("probabilities", "digit");
		assertThat(Outputs.select(List.of(), "mnist")).containsExactly("probabilities", "digit");
	}

	@Test
	void fieldsMayComeInAnyOrder() {
		String body = "{\"inputs\":[{\"data\":[" + flat(TEST.image(3)) + "],"
				+ "\"datatype\":\"FP64\",\"shape\":[784],\"name\":\"pixels\"}]}";
		assertThat(read(body)[0]).containsExactly(TEST.image(3));
	}

	static Stream<Arguments> refusals() {
		String image = "[" + flat(TEST.image(0)) + "]";
		String zeros = flat(new double[DataSet.IMAGE_SIZE]);
		IntFunction<String> zerosTimes = (n) -> String.join(",", java.util.Collections.nCopies(n, zeros));
		return Stream.of(arguments("", "the body is empty; send an inference request (a JSON object)"),
				arguments("[1]", "the body must be a JSON object (an inference request)"),
				arguments("{}", "the request has no 'inputs'"),
				arguments("{\"inputs\":{}}", "inputs must be an array of input tensors"),
				arguments("{\"inputs\":[]}", "the request has no inputs; model 'mnist' takes one, 'pixels'"),
				arguments("{\"inputs\":[7]}", "inputs[0] must be an object (an input tensor)"),
				arguments("{\"inputs\":[{\"shape\":[784]}]}", "inputs[0] has no 'name'"),
				arguments("{\"inputs\":[{\"name\":7}]}", "inputs[0].name must be a string"),
				arguments("{\"inputs\":[" + input("FP32", "[784]", image).replace("pixels", "image") + "]}",
						"input 'image' is not an input of model 'mnist'; its one input is 'pixels'"),
				arguments("{\"inputs\":[" + input("FP32", "[784]", image) + "," + input("FP32", "[784]", image) + "]}",
						"input 'pixels' is given twice"),
				arguments("{\"inputs\":[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"data\":" + image + "}]}",
						"input 'pixels' has no 'shape'"),
				arguments("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[784],\"data\":" + image + "}]}",
						"input 'pixels' has no 'datatype'"),
				arguments("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[784],\"datatype\":\"FP32\"}]}",
						"input 'pixels' has no 'data'"),
				arguments(
						"{\"inputs\":[{\"name\":\"pixels\",\"shape\":[784],\"datatype\":\"FP32\","
								+ "\"parameters\":{\"binary_data_size\":3136}}]}",
						"input 'pixels': binary tensor data (parameter 'binary_data_size') is not supported; "
								+ "send the values in 'data'"),
				arguments(body("INT32", "[784]", "[" + zeros + "]"),
						"input 'pixels': datatype 'INT32' is not accepted; send FP32, FP64 or UINT8"),
				arguments(body("fp32", "[784]", "[" + zeros + "]"),
						"input 'pixels': datatype 'fp32' is not accepted; send FP32, FP64 or UINT8"),
				arguments(body("FP32", "[1,783]", "[" + zeros + "]"),
						"input 'pixels': shape [1,783] has 783 values per image, expected 784"),
				arguments(body("FP32", "[783]", "[" + zeros + "]"),
						"input 'pixels': shape [783] has 783 values per image, expected 784"),
				arguments(body("FP32", "[2,28,27]", "[" + zeros + "]"),
						"input 'pixels': shape [2,28,27] is not one of [N,784], [N,28,28], [784] or [28,28]"),
				arguments(body("FP32", "[1,1,784]", "[" + zeros + "]"),
						"input 'pixels': shape [1,1,784] is not one of [N,784], [N,28,28], [784] or [28,28]"),
				arguments(body("FP32", "[]", "[" + zeros + "]"),
						"input 'pixels': shape [] is not one of [N,784], [N,28,28], [784] or [28,28]"),
				arguments(body("FP32", "[0,784]", "[]"), "input 'pixels': shape [0,784] holds no image"),
				arguments(body("FP32", "[4,784]", "[" + zerosTimes.apply(4) + "]"),
						"input 'pixels': shape [4,784] holds 4 images, at most 3 (descent.predict.max-instances)"),
				arguments(body("FP32", "[1.5,784]", "[" + zeros + "]"),
						"inputs[0].shape must be an array of integers >= 0"),
				arguments(body("FP32", "[-1,784]", "[" + zeros + "]"),
						"inputs[0].shape must be an array of integers >= 0"),
				arguments(body("FP32", "[1,1,1,1,1,1,1,1,1]", "[" + zeros + "]"),
						"inputs[0].shape has more than 8 dimensions"),
				arguments(body("FP32", "\"784\"", "[" + zeros + "]"),
						"inputs[0].shape must be an array of integers >= 0"),
				arguments(body("FP32", "[1,784]", "[" + zeros.substring(4) + "]"),
						"input 'pixels': data has 783 values, shape [1,784] needs 784"),
				arguments(body("FP32", "[2,784]", "[" + zeros + "]"),
						"input 'pixels': data has 784 values, shape [2,784] needs 1568"),
				arguments(body("FP32", "[1,784]", "[" + zerosTimes.apply(4) + "]"),
						"input 'pixels': data has more than 2352 values"),
				arguments(body("FP32", "[784]", "[[[[[[[[[" + zeros + "]]]]]]]]]"),
						"input 'pixels': data is nested more than 8 deep"),
				arguments(body("FP32", "[784]", "{}"), "inputs[0].data must be an array"),
				arguments(body("FP32", "[784]", "[" + zeros.replaceFirst("^0\\.0", "1.5") + "]"),
						"input 'pixels': data[0] is 1.5, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 17, "-0.25") + "]"),
						"input 'pixels': data[17] is -0.25, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 5, "null") + "]"),
						"input 'pixels': data[5] is null, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 6, "\"0.5\"") + "]"),
						"input 'pixels': data[6] is a string, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 7, "true") + "]"),
						"input 'pixels': data[7] is a boolean, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 8, "{\"a\":1}") + "]"),
						"input 'pixels': data[8] is an object, expected a value in [0,1]"),
				arguments(body("FP64", "[784]", "[" + replaced(zeros, 9, "1e400") + "]"),
						"input 'pixels': data[9] is Infinity, expected a value in [0,1]"),
				arguments(body("FP32", "[2,784]", "[" + zeros + "," + replaced(zeros, 17, "2") + "]"),
						"input 'pixels': data[801] (image 1, pixel 17) is 2, expected a value in [0,1]"),
				arguments(body("UINT8", "[784]", "[" + replaced(zeros, 3, "256") + "]"),
						"input 'pixels': data[3] is 256, expected an integer in [0,255] (UINT8)"),
				arguments(body("UINT8", "[784]", "[" + replaced(zeros, 4, "3.5") + "]"),
						"input 'pixels': data[4] is 3.5, expected an integer in [0,255] (UINT8)"),
				arguments(body("UINT8", "[784]", "[" + replaced(zeros, 2, "-1") + "]"),
						"input 'pixels': data[2] is -1, expected an integer in [0,255] (UINT8)"),
				arguments("{\"id\":42,\"inputs\":[]}", "id must be a string"),
				arguments("{\"parameters\":[],\"inputs\":[]}", "parameters must be an object"),
				arguments("{\"inputs\":[" + input("FP32", "[784]", image) + "],\"outputs\":{}}",
						"outputs must be an array of requested outputs"),
				arguments("{\"inputs\":[" + input("FP32", "[784]", image) + "],\"outputs\":[{}]}",
						"outputs[0] has no 'name'"),
				arguments("{\"inputs\":[" + input("FP32", "[784]", image) + "]} {}",
						"the body holds more than one JSON value"));
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void refusalsNameTheInputAndTheProblem(String body, String message) {
		assertThatExceptionOfType(InvalidInferenceException.class).isThrownBy(() -> read(body)).withMessage(message);
	}

	@Test
	void unknownAndRepeatedOutputsAreRefused() {
		assertThatExceptionOfType(InvalidInferenceException.class)
			.isThrownBy(() -> Outputs.select(List.of("digit", "logits"), "mnist"))
			.withMessage(
					"output 'logits' is not an output of model 'mnist'; its outputs are 'probabilities' and 'digit'");
		assertThatExceptionOfType(InvalidInferenceException.class)
			.isThrownBy(() -> Outputs.select(List.of("digit", "digit"), "mnist"))
			.withMessage("output 'digit' is requested twice");
	}

	@Test
	void echoedNamesAreCutAndEscaped() {
		String name = "a\n" + "b".repeat(100);
		String body = "{\"inputs\":["
				+ input("FP32", "[784]", "[" + flat(TEST.image(0)) + "]").replace("pixels", name.replace("\n", "\\n"))
				+ "]}";
		assertThatExceptionOfType(InvalidInferenceException.class).isThrownBy(() -> read(body))
			.withMessageStartingWith("input 'a\\u000a" + "b".repeat(62) + "...' is not an input");
	}

	@Test
	void malformedJsonIsJacksonsToReport() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"inputs\":[{\"name\":}]}"));
	}

	static double[][] read(String body) {
		return PixelsInput.images(request(body), "mnist", MAX_IMAGES);
	}

	private static InferenceRequest request(String body) {
		try (JsonParser parser = JSON.createParser(body)) {
			return new InferenceReader(MAX_IMAGES).read(parser);
		}
	}

	static String body(String datatype, String shape, String data) {
		return "{\"inputs\":[" + input(datatype, shape, data) + "]}";
	}

	static String input(String datatype, String shape, String data) {
		return "{\"name\":\"pixels\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":" + data + "}";
	}

	static String flat(double[] image) {
		return Arrays.stream(image).mapToObj(Double::toString).collect(Collectors.joining(","));
	}

	/** {@code image} nested as {@code shape} says: [784] flat, else rows of 28. */
	private static String nested(double[] image, String shape) {
		String rows = IntStream.range(0, DataSet.ROWS)
			.mapToObj((r) -> "[" + flat(Arrays.copyOfRange(image, r * 28, r * 28 + 28)) + "]")
			.collect(Collectors.joining(","));
		return switch (shape) {
			case "[784]" -> "[" + flat(image) + "]";
			case "[28,28]" -> "[" + rows + "]";
			case "[1,784]" -> "[[" + flat(image) + "]]";
			default -> "[[" + rows + "]]";
		};
	}

	private static String replaced(String values, int index, String value) {
		String[] parts = values.split(",");
		parts[index] = value;
		return String.join(",", parts);
	}

}
