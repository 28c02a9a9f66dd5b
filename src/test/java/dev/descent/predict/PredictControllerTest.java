package dev.descent.predict;

import java.util.Arrays;
import java.util.Collections;

import dev.descent.models.CorruptModelException;
import dev.descent.models.ModelNotFoundException;
import dev.descent.models.ModelRef;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = PredictController.class, properties = "descent.predict.max-instances=3")
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(PredictProperties.class)
class PredictControllerTest {

	private static final double[] OUTPUT = { 0.1, 0.0, 0.0, 0.9, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0 };

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PredictionService service;

	@Test
	void singleImageAnswersOutputAndDigit() throws Exception {
		given(this.service.predict(eq("mnist"), isNull(), isNull(), any()))
			.willReturn(new Prediction(new ModelRef("mnist", 3), new double[][] { OUTPUT }));
		predict("{\"pixels\":" + image(0.5) + "}").andExpect(status().isOk())
			.andExpect(jsonPath("$.model").value("mnist"))
			.andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.output.length()").value(10))
			.andExpect(jsonPath("$.output[3]").value(0.9))
			.andExpect(jsonPath("$.digit").value(3));
	}

	@Test
	void batchAnswersOnePredictionPerImage() throws Exception {
		given(this.service.predict(eq("other"), eq(2), isNull(), any()))
			.willReturn(new Prediction(new ModelRef("other", 2), new double[][] { OUTPUT, OUTPUT }));
		predict("{\"model\":\"other\",\"version\":2,\"instances\":[" + image(0) + "," + image(1) + "]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.model").value("other"))
			.andExpect(jsonPath("$.predictions.length()").value(2))
			.andExpect(jsonPath("$.predictions[1].digit").value(3))
			.andExpect(jsonPath("$.output").doesNotExist());
	}

	@Test
	void wrongLengthIsNamed() throws Exception {
		String short783 = image(0.5).replaceFirst("0.5,", "");
		invalid("{\"pixels\":" + short783 + "}", "pixels", "pixels has 783 values, expected 784");
		invalid("{\"instances\":[" + image(0) + ",[]]}", "instances[1]", "instances[1] has 0 values, expected 784");
	}

	@Test
	void firstBadPixelIsNamed() throws Exception {
		invalid("{\"pixels\":" + image(0.5, 17, "1.5") + "}", "pixels[17]",
				"pixels[17] is 1.5, expected a value in [0,1]");
		invalid("{\"pixels\":" + image(0.5, 0, "-0.25") + "}", "pixels[0]",
				"pixels[0] is -0.25, expected a value in [0,1]");
		invalid("{\"pixels\":" + image(0.5, 5, "null") + "}", "pixels[5]",
				"pixels[5] is null or not a number, expected a value in [0,1]");
		invalid("{\"instances\":[" + image(0) + "," + image(0) + "," + image(0.5, 17, "2") + "]}", "instances[2][17]",
				"instances[2][17] is 2.0, expected a value in [0,1]");
		invalid("{\"instances\":[" + image(0) + ",null]}", "instances[1]", "instances[1] is null");
	}

	@Test
	void batchSizeIsBounded() throws Exception {
		String four = String.join(",", Collections.nCopies(4, image(0)));
		invalid("{\"instances\":[" + four + "]}", "instances", "instances has 4 images, expected 1 to 3");
		invalid("{\"instances\":[]}", "instances", "instances has 0 images, expected 1 to 3");
	}

	@Test
	void exactlyOneOfPixelsAndInstances() throws Exception {
		invalid("{}", "pixels", "give exactly one of pixels and instances");
		invalid("{\"pixels\":" + image(0) + ",\"instances\":[" + image(0) + "]}", "pixels",
				"give exactly one of pixels and instances");
	}

	@Test
	void versionOrAliasNotBoth() throws Exception {
		invalid("{\"version\":1,\"alias\":\"production\",\"pixels\":" + image(0) + "}", "alias",
				"give version or alias, not both");
		invalid("{\"version\":0,\"pixels\":" + image(0) + "}", "version", "version must be >= 1, got 0");
	}

	@Test
	void badModelAndAliasNamesAreNamed() throws Exception {
		expectProblem(predict("{\"model\":\"../etc\",\"pixels\":" + image(0) + "}"), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("model"));
		expectProblem(predict("{\"alias\":\"Prod\",\"pixels\":" + image(0) + "}"), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("alias"));
		then(this.service).shouldHaveNoInteractions();
	}

	@Test
	void nanAndStringsAreMalformedBodies() throws Exception {
		predict("{\"pixels\":" + image(0.5, 3, "NaN") + "}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		predict("{\"pixels\":" + image(0.5, 3, "\"0.5\"") + "}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		predict("{\"pixels\":0.5}").andExpect(status().isBadRequest());
		then(this.service).shouldHaveNoInteractions();
	}

	@Test
	void unknownModelIsNotFoundAndCorruptVersionAConflict() throws Exception {
		given(this.service.predict(eq("nope"), isNull(), isNull(), any()))
			.willThrow(new ModelNotFoundException("nope"));
		given(this.service.predict(eq("mnist"), eq(4), isNull(), any()))
			.willThrow(new CorruptModelException("mnist", 4, "version 4 of model mnist failed its checksum"));
		expectProblem(predict("{\"model\":\"nope\",\"pixels\":" + image(0) + "}"), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("no model named 'nope'"));
		expectProblem(predict("{\"version\":4,\"pixels\":" + image(0) + "}"), 409, "corrupt-model")
			.andExpect(jsonPath("$.detail").value("version 4 of model mnist failed its checksum"));
	}

	private void invalid(String body, String field, String detail) throws Exception {
		expectProblem(predict(body), 400, "invalid-request").andExpect(jsonPath("$.detail").value(detail))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(detail));
	}

	private ResultActions predict(String body) throws Exception {
		return this.mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private static ResultActions expectProblem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/" + type));
	}

	/** A JSON array of 784 copies of {@code value}. */
	private static String image(double value) {
		String[] pixels = new String[784];
		Arrays.fill(pixels, Double.toString(value));
		return "[" + String.join(",", pixels) + "]";
	}

	/** A JSON array of 784 copies of {@code value} with {@code raw} at {@code index}. */
	private static String image(double value, int index, String raw) {
		String[] pixels = new String[784];
		Arrays.fill(pixels, Double.toString(value));
		pixels[index] = raw;
		return "[" + String.join(",", pixels) + "]";
	}

}
