package dev.descent.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /jobs/{id}/events} over real HTTP: one event per epoch in order, then the
 * final state; a client that reconnects with {@code Last-Event-ID} misses nothing.
 */
class JobEventsHttpTest extends SampleService {

	private static final String JOB = "{\"dataset\":\"sample\",\"model\":\"sse\",\"layers\":[784,16,10],"
			+ "\"epochs\":%d,\"validationSize\":500,\"cost\":\"cross-entropy\",\"learningRate\":0.5,\"seed\":3}";

	@Test
	void aClientGetsOneEventPerEpochInOrderThenTheFinalState() throws Exception {
		String id = postJson("/jobs", JOB.formatted(4), 202).path("id").asString();
		List<Event> events = stream("/jobs/" + id + "/events", null, (e) -> e.name().equals("end"));
		assertThat(events).extracting(Event::name).containsExactly("epoch", "epoch", "epoch", "epoch", "end");
		assertThat(events.subList(0, 4)).extracting(Event::id).containsExactly("1", "2", "3", "4");
		JsonNode job = get("/jobs/" + id);
		for (int i = 0; i < 4; i++) {
			JsonNode data = events.get(i).data();
			JsonNode epoch = job.path("history").path(i);
			assertThat(data.path("epoch").asInt()).isEqualTo(i + 1);
			assertThat(data.path("cost").asDouble()).isEqualTo(epoch.path("cost").asDouble());
			assertThat(data.path("accuracy").asDouble()).isEqualTo(epoch.path("accuracy").asDouble());
			assertThat(data.path("validationAccuracy").asDouble())
				.isEqualTo(epoch.path("validationAccuracy").asDouble())
				.isBetween(0.5, 1.0);
			assertThat(data.path("seconds").asDouble()).isEqualTo(epoch.path("seconds").asDouble());
			assertThat(data.path("percent").asDouble()).isEqualTo(25.0 * (i + 1));
			assertThat(data.path("remainingSeconds").asDouble()).isGreaterThanOrEqualTo(0);
		}
		assertThat(events.get(3).data().path("remainingSeconds").asDouble()).isZero();
		assertThat(events.get(4).data().path("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(events.get(4).data().path("model").path("name").asString()).isEqualTo("sse");
	}

	/**
	 * A client that drops the stream after the first epoch and reconnects with that
	 * event's id gets epochs 2… and the end, none twice and none missing; so does one
	 * that reconnects after the job ended.
	 */
	@Test
	void aClientThatReconnectsWithLastEventIdMissesNothing() throws Exception {
		String id = postJson("/jobs", JOB.formatted(5), 202).path("id").asString();
		List<Event> first = stream("/jobs/" + id + "/events", null, (e) -> true);
		assertThat(first).extracting(Event::id).containsExactly("1");
		List<Event> rest = stream("/jobs/" + id + "/events", first.get(0).id(), (e) -> e.name().equals("end"));
		assertThat(rest).extracting(Event::name).containsExactly("epoch", "epoch", "epoch", "epoch", "end");
		assertThat(rest.subList(0, 4)).extracting(Event::id).containsExactly("2", "3", "4", "5");
		List<Event> afterEnd = stream("/jobs/" + id + "/events", "3", (e) -> false);
		assertThat(afterEnd).extracting(Event::id).containsExactly("4", "5", null);
		assertThat(afterEnd.get(2).data().path("state").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void anUnknownJobOrABadLastEventIdIsAProblemNotAStream() throws Exception {
		HttpResponse<String> missing = send(
				HttpRequest.newBuilder(uri("/jobs/j-nope/events")).header("Accept", "text/event-stream").GET());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		String id = postJson("/jobs", JOB.formatted(1), 202).path("id").asString();
		HttpResponse<String> bad = send(
				HttpRequest.newBuilder(uri("/jobs/" + id + "/events")).header("Last-Event-ID", "x1").GET());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(bad.body()).path("errors").path(0).path("field").asString())
			.isEqualTo("Last-Event-ID");
	}

}
