package dev.descent.predict;

import java.util.Collections;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The benchmark's baseline endpoint exists only when asked for. */
@WebMvcTest(controllers = ParseOnlyController.class)
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(PredictProperties.class)
class ParseOnlyControllerTest {

	static final String BODY = "{\"pixels\":[" + String.join(",", Collections.nCopies(784, "0.5")) + "]}";

	@Nested
	@TestPropertySource(properties = "descent.bench.baseline-endpoint=true")
	class On {

		@Autowired
		MockMvc mvc;

		@Test
		void parsesAndAnswersAConstantShapedLikeAPrediction() throws Exception {
			this.mvc.perform(post("/bench/parse-only").contentType(MediaType.APPLICATION_JSON).content(BODY))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.output.length()").value(10))
				.andExpect(jsonPath("$.digit").value(0));
			this.mvc
				.perform(post("/bench/parse-only").contentType(MediaType.APPLICATION_JSON).content("{\"pixels\":[2]}"))
				.andExpect(status().isBadRequest());
		}

	}

	@Nested
	class OffByDefault {

		@Autowired
		MockMvc mvc;

		@Test
		void isNotMapped() throws Exception {
			this.mvc.perform(post("/bench/parse-only").contentType(MediaType.APPLICATION_JSON).content(BODY))
				.andExpect(status().isNotFound());
		}

	}

}
