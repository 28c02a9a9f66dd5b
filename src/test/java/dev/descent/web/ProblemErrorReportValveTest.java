package dev.descent.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/** The valve's bodies carry the same type and title as every other problem. */
class ProblemErrorReportValveTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void typeAndTitleAreThoseOfProblems() {
		for (int status : new int[] { 400, 404, 413, 414, 431, 500, 501, 505 }) {
			JsonNode body = JSON.readTree(ProblemErrorReportValve.body(status));
			HttpStatusCode code = HttpStatusCode.valueOf(status);
			assertThat(body.get("type").asString()).as("%d", status).isEqualTo(Problems.typeFor(code).toString());
			assertThat(body.get("title").asString()).as("%d", status).isEqualTo(Problems.titleFor(code));
			assertThat(body.get("status").asInt()).isEqualTo(status);
		}
		assertThat(JSON.readTree(ProblemErrorReportValve.body(413)).get("title").asString())
			.isEqualTo("Content Too Large");
		assertThat(JSON.readTree(ProblemErrorReportValve.body(413)).get("type").asString())
			.isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE.toString());
	}

}
