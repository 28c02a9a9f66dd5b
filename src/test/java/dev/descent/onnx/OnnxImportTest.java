package dev.descent.onnx;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.descent.data.MnistSample;
import dev.descent.engine.Activation;
import dev.descent.engine.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.util.onnx.ONNXOperators;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files written by PyTorch, and by descent's own export, import into networks that answer
 * what onnxruntime answers for the same file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxImportTest {

	private double[][] images;

	@BeforeAll
	void loadImages() {
		this.images = OnnxFixtures.realTestImages(1000);
	}

	@Test
	void readsPyTorchsGemmLayersAndPredictsWhatOnnxruntimePredicts() throws Exception {
		byte[] file = OnnxFiles.resource(OnnxFiles.PYTORCH_GEMM);
		assertThat(OnnxFiles.parse(file).getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
			.containsExactly("Gemm", "Relu", "Gemm", "Softmax");
		ImportedNetwork imported = OnnxImport.read(file);
		assertThat(imported.producer()).isEqualTo("pytorch 1.13.0");
		Network network = imported.network();
		assertThat(network.spec().layers()).containsExactly(784, 30, 10);
		assertThat(network.spec().hidden()).isEqualTo(Activation.RELU);
		assertThat(network.spec().output()).isEqualTo(Activation.SOFTMAX);
		float[][] expected;
		try (OnnxRuntime runtime = new OnnxRuntime(file)) {
			expected = runtime.run("pixels", OnnxFixtures.toFloat(this.images));
		}
		assertSamePredictions(network.predict(this.images), toDouble(expected), 1e-5);
	}

	@Test
	void readsMatMulAndAddWithFloat64Weights() throws Exception {
		byte[] file = OnnxFiles.resource(OnnxFiles.PYTORCH_MATMUL);
		OnnxMl.GraphProto graph = OnnxFiles.parse(file).getGraph();
		assertThat(graph.getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
			.containsExactly("MatMul", "Add", "Sigmoid", "MatMul", "Add", "Sigmoid");
		assertThat(graph.getInitializerList()).extracting(OnnxMl.TensorProto::getDataType)
			.containsOnly(OnnxMl.TensorProto.DataType.DOUBLE_VALUE);
		Network network = OnnxImport.read(file).network();
		assertThat(network.spec().layers()).containsExactly(784, 16, 10);
		assertThat(network.spec().output()).isEqualTo(Activation.SIGMOID);
		double[][] expected;
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession session = environment.createSession(file, new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(environment, this.images);
				OrtSession.Result result = session.run(Map.of("pixels", input))) {
			expected = (double[][]) result.get(0).getValue();
		}
		assertSamePredictions(network.predict(this.images), expected, 1e-12);
	}

	static Stream<Arguments> gemmAttributes() {
		return Stream.of(Arguments.of(Map.of()), Arguments.of(Map.of("transB", 1)),
				Arguments.of(Map.of("alpha", 2.0f, "beta", 0.5f)),
				Arguments.of(Map.of("alpha", -0.5f, "beta", 3.0f, "transB", 1)), Arguments.of(Map.of("beta", 0.0f)));
	}

	@ParameterizedTest
	@MethodSource("gemmAttributes")
	void honoursGemmsAlphaBetaAndTransB(Map<String, Object> attributes) throws Exception {
		byte[] file = OnnxFiles.oneLayer(784, 10, attributes, ONNXOperators.SOFTMAX);
		double[][] images = Arrays.copyOf(this.images, 50);
		float[][] expected;
		try (OnnxRuntime runtime = new OnnxRuntime(file)) {
			expected = runtime.run("pixels", OnnxFixtures.toFloat(images));
		}
		assertSamePredictions(OnnxImport.read(file).network().predict(images), toDouble(expected), 1e-5);
	}

	static Stream<Arguments> networks() {
		return Stream.of(Arguments.of("sigmoid/sigmoid", OnnxFixtures.sigmoidSigmoid()),
				Arguments.of("relu/softmax", OnnxFixtures.reluSoftmax()),
				Arguments.of("two hidden layers", OnnxFixtures.twoHiddenLayers()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void exportThenImportKeepsPredictionsWithin1e6(String kind, Network network) {
		byte[] file = OnnxExport.export(network,
				new OnnxMetadata("digits", 1, "00".repeat(32), "{}", OnnxModels.producerVersion()));
		Network imported = OnnxImport.read(file).network();
		assertThat(imported.spec()).isEqualTo(network.spec());
		assertSamePredictions(imported.predict(this.images), network.predict(this.images), 1e-6);
	}

	@Test
	void theCommittedSampleIsWhatTheImagesStartWith() {
		assertThat(this.images[0]).containsExactly(MnistSample.test().image(0));
	}

	private static void assertSamePredictions(double[][] actual, double[][] expected, double tolerance) {
		assertThat(actual).hasSameDimensionsAs(expected);
		double worst = 0;
		for (int i = 0; i < expected.length; i++) {
			assertThat(Network.argmax(actual[i])).as("digit of image %d", i).isEqualTo(Network.argmax(expected[i]));
			for (int j = 0; j < expected[i].length; j++) {
				worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
			}
		}
		assertThat(worst).as("largest difference").isLessThanOrEqualTo(tolerance);
	}

	private static double[][] toDouble(float[][] values) {
		double[][] doubles = new double[values.length][];
		for (int i = 0; i < values.length; i++) {
			doubles[i] = new double[values[i].length];
			for (int j = 0; j < values[i].length; j++) {
				doubles[i][j] = values[i][j];
			}
		}
		return doubles;
	}

}
