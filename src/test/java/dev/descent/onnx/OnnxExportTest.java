package dev.descent.onnx;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import dev.descent.engine.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exported network runs in onnxruntime and answers what descent answers, within 1e-5,
 * on 1,000 real MNIST test images, for each kind of network descent trains.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxExportTest {

	private static final OnnxMetadata METADATA = new OnnxMetadata("digits", 3, "ab".repeat(32), "{\"formatVersion\":1}",
			"0.1.0-test");

	private double[][] images;

	@BeforeAll
	void loadImages() {
		this.images = OnnxFixtures.realTestImages(1000);
	}

	static Stream<Arguments> networks() {
		return Stream.of(Arguments.of("sigmoid/sigmoid", OnnxFixtures.sigmoidSigmoid()),
				Arguments.of("relu/softmax", OnnxFixtures.reluSoftmax()),
				Arguments.of("two hidden layers", OnnxFixtures.twoHiddenLayers()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void onnxruntimeAnswersWhatDescentAnswers(String kind, Network network) throws Exception {
		double[][] expected = network.predict(this.images);
		float[][] actual;
		try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.export(network, METADATA))) {
			actual = runtime.run(OnnxExport.INPUT, OnnxFixtures.toFloat(this.images));
		}
		assertThat(actual).hasNumberOfRows(1000);
		double worst = 0;
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).hasSize(10);
			for (int j = 0; j < 10; j++) {
				worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
			}
		}
		assertThat(worst).as("largest difference from descent's outputs").isLessThanOrEqualTo(1e-5);
	}

	@Test
	void declaresItsInputOutputAndOperatorsAsONNXPrescribes() throws Exception {
		byte[] file = OnnxExport.export(OnnxFixtures.reluSoftmax(), METADATA);
		OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(file);
		assertThat(model.getOpsetImportList()).anySatisfy((opset) -> {
			assertThat(opset.getDomain()).isEmpty();
			assertThat(opset.getVersion()).isGreaterThanOrEqualTo(13);
		});
		assertThat(model.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
			.containsExactly("Gemm", "Relu", "Gemm", "Softmax", "Identity");
		try (OnnxRuntime runtime = new OnnxRuntime(file)) {
			NodeInfo input = runtime.session().getInputInfo().get(OnnxExport.INPUT);
			NodeInfo output = runtime.session().getOutputInfo().get(OnnxExport.OUTPUT);
			assertThat(runtime.session().getInputNames()).containsExactly("pixels");
			assertThat(runtime.session().getOutputNames()).containsExactly("probabilities");
			TensorInfo in = (TensorInfo) input.getInfo();
			TensorInfo out = (TensorInfo) output.getInfo();
			assertThat(in.type).isEqualTo(ai.onnxruntime.OnnxJavaType.FLOAT);
			assertThat(in.getShape()).containsExactly(-1, 784);
			assertThat(out.getShape()).containsExactly(-1, 10);
			assertThat(runtime.run("pixels", new float[7][784])).hasNumberOfRows(7);
		}
	}

	@Test
	void carriesNameVersionChecksumAndProvenanceInItsMetadata() throws Exception {
		byte[] file = OnnxExport.export(OnnxFixtures.sigmoidSigmoid(), METADATA);
		try (OnnxRuntime runtime = new OnnxRuntime(file)) {
			Map<String, String> properties = runtime.session().getMetadata().getCustomMetadata();
			assertThat(properties).containsEntry("descent.model", "digits")
				.containsEntry("descent.version", "3")
				.containsEntry("descent.weights_sha256", "ab".repeat(32))
				.containsEntry("descent.provenance", "{\"formatVersion\":1}");
			assertThat(runtime.session().getMetadata().getProducerName()).isEqualTo("descent");
			assertThat(runtime.session().getMetadata().getVersion()).isEqualTo(3);
		}
		OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(file);
		assertThat(model.getMetadataPropsList()
			.stream()
			.collect(Collectors.toMap(OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue)))
			.containsOnlyKeys("descent.model", "descent.version", "descent.weights_sha256", "descent.provenance");
	}

}
