package dev.descent.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sweeps over real HTTP on the committed MNIST sample: tiny networks, few epochs.
 */
class SweepsHttpTest extends SampleService {

	private static final String BASE = "{\"dataset\":\"sample\",\"model\":\"%s\",\"layers\":[784,16,10],"
			+ "\"epochs\":%d,\"validationSize\":500,\"cost\":\"cross-entropy\",\"outputActivation\":\"softmax\"}";

	@Test
	void aRandomSweepOfEightTrialsFinishesAndItsBestHasTheHighestValidationAccuracy() throws Exception {
		JsonNode accepted = postJson("/sweeps",
				"{\"base\":" + BASE.formatted("sw-random", 2)
						+ ",\"space\":{\"learningRate\":{\"min\":0.001,\"max\":3,\"scale\":\"log\"},"
						+ "\"batchSize\":{\"values\":[10,32]}},\"algorithm\":\"random\",\"seed\":1,\"maxTrials\":8,"
						+ "\"parallelTrials\":2}",
				202);
		String id = accepted.path("id").asString();
		assertThat(accepted.path("state").asString()).isEqualTo("RUNNING");
		JsonNode sweep = awaitUntil("/sweeps/" + id, (s) -> !s.path("state").asString().equals("RUNNING"));
		assertThat(sweep.path("state").asString()).as(sweep.toString()).isEqualTo("SUCCEEDED");
		JsonNode trials = sweep.path("trials");
		assertThat(trials.size()).isEqualTo(8);
		double best = sweep.path("best").path("validationAccuracy").asDouble();
		for (JsonNode trial : trials) {
			assertThat(trial.path("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(trial.path("validationAccuracy").asDouble()).isLessThanOrEqualTo(best);
			assertThat(trial.has("testAccuracy")).isFalse();
			double rate = trial.path("parameters").path("learningRate").asDouble();
			assertThat(rate).isBetween(0.001, 3.0);
			assertThat(trial.path("parameters").path("batchSize").asInt()).isIn(10, 32);
			JsonNode job = get("/jobs/" + trial.path("job").asString());
			assertThat(job.path("sweep").asString()).isEqualTo(id);
			assertThat(job.path("request").path("learningRate").asDouble()).isEqualTo(rate);
		}
		JsonNode winner = sweep.path("best");
		JsonNode job = get("/jobs/" + winner.path("job").asString());
		assertThat(winner.path("testAccuracy").asDouble())
			.isEqualTo(job.path("history").path(1).path("accuracy").asDouble());
		JsonNode version = get("/models/sw-random/versions/" + winner.path("model").path("version").asInt());
		assertThat(version.path("jobId").asString()).isEqualTo(winner.path("job").asString());
		assertThat(get("/sweeps").findValuesAsString("id")).contains(id);
	}

	/**
	 * Trial 1 (η = 0.5) reaches epoch 1 first; trial 2 (η = 1e-6) learns nothing, is
	 * below that median after epoch 1 and is stopped long before its fourth epoch.
	 */
	@Test
	void theMedianRuleStopsAHopelessTrialBeforeItsLastEpoch() throws Exception {
		String id = postJson("/sweeps",
				"{\"base\":" + BASE.formatted("sw-median", 4)
						+ ",\"space\":{\"learningRate\":{\"values\":[0.5,1e-6]}},\"algorithm\":\"grid\","
						+ "\"earlyStopping\":{\"rule\":\"median\",\"afterEpochs\":1}}",
				202)
			.path("id")
			.asString();
		JsonNode sweep = awaitUntil("/sweeps/" + id, (s) -> !s.path("state").asString().equals("RUNNING"));
		JsonNode hopeless = sweep.path("trials").path(1);
		assertThat(hopeless.path("parameters").path("learningRate").asDouble()).isEqualTo(1e-6);
		assertThat(hopeless.path("state").asString()).isEqualTo("STOPPED");
		assertThat(hopeless.path("epochsCompleted").asInt()).isEqualTo(1);
		JsonNode stoppedJob = get("/jobs/" + hopeless.path("job").asString());
		assertThat(stoppedJob.path("state").asString()).isEqualTo("CANCELLED");
		// the reason is in the job's record, so every replica reads the trial as STOPPED
		assertThat(stoppedJob.path("error").asString()).startsWith("stopped by the median rule after epoch 1");
		assertThat(sweep.path("trials").path(0).path("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(sweep.path("best").path("trial").asInt()).isEqualTo(1);
	}

	@Test
	void aGridOfTwoByTwoValuesRunsExactlyFourTrials() throws Exception {
		String id = postJson("/sweeps",
				"{\"base\":" + BASE.formatted("sw-grid", 1)
						+ ",\"space\":{\"learningRate\":{\"values\":[0.1,0.5]},\"batchSize\":{\"values\":[10,20]}},"
						+ "\"algorithm\":\"grid\",\"parallelTrials\":2}",
				202)
			.path("id")
			.asString();
		JsonNode sweep = awaitUntil("/sweeps/" + id, (s) -> !s.path("state").asString().equals("RUNNING"));
		assertThat(sweep.path("state").asString()).isEqualTo("SUCCEEDED");
		List<String> combinations = new ArrayList<>();
		sweep.path("trials")
			.forEach((t) -> combinations.add(t.path("parameters").path("batchSize").asInt() + "/"
					+ t.path("parameters").path("learningRate").asDouble()));
		// fields in name order, the last (learningRate) varying fastest
		assertThat(combinations).containsExactly("10/0.1", "10/0.5", "20/0.1", "20/0.5");
		JsonNode jobs = get("/jobs?size=100");
		long trialJobs = 0;
		for (JsonNode job : jobs.path("content")) {
			trialJobs += id.equals(job.path("sweep").asString()) ? 1 : 0;
		}
		assertThat(trialJobs).isEqualTo(4);
	}

	@Test
	void theSeedReproducesTheSampledParameters() throws Exception {
		String request = "{\"base\":" + BASE.formatted("sw-seed", 1)
				+ ",\"space\":{\"learningRate\":{\"min\":0.01,\"max\":1,\"scale\":\"log\"},"
				+ "\"l2\":{\"min\":0,\"max\":5}},\"seed\":%d,\"maxTrials\":5}";
		JsonNode first = postJson("/sweeps", request.formatted(7), 202);
		JsonNode again = postJson("/sweeps", request.formatted(7), 202);
		JsonNode other = postJson("/sweeps", request.formatted(8), 202);
		for (JsonNode sweep : List.of(first, again, other)) {
			delete("/sweeps/" + sweep.path("id").asString(), 200);
		}
		assertThat(parameters(again)).isEqualTo(parameters(first)).hasSize(5);
		assertThat(parameters(other)).isNotEqualTo(parameters(first));
	}

	/**
	 * The winner's version goes to the alias asked for, which has no policy; the move is
	 * recorded in its history as the sweep's.
	 */
	@Test
	void theWinnersVersionIsPromotedToTheAlias() throws Exception {
		String id = postJson("/sweeps",
				"{\"base\":" + BASE.formatted("sw-promote", 1)
						+ ",\"space\":{\"learningRate\":{\"values\":[1e-6,0.5]}},\"algorithm\":\"grid\","
						+ "\"promote\":{\"alias\":\"production\"}}",
				202)
			.path("id")
			.asString();
		JsonNode sweep = awaitUntil("/sweeps/" + id, (s) -> !s.path("state").asString().equals("RUNNING"));
		int version = sweep.path("best").path("model").path("version").asInt();
		assertThat(sweep.path("best").path("trial").asInt()).isEqualTo(2);
		assertThat(sweep.path("promotion").path("promoted").asBoolean()).isTrue();
		assertThat(sweep.path("promotion").path("version").asInt()).isEqualTo(version);
		JsonNode models = get("/models");
		for (JsonNode model : models) {
			if (model.path("name").asString().equals("sw-promote")) {
				assertThat(model.path("aliases").path("production").asInt()).isEqualTo(version);
				return;
			}
		}
		throw new AssertionError("no model sw-promote in " + models);
	}

	/**
	 * An alias whose policy refuses the winner stays where it was, with nothing added to
	 * its history; the sweep still succeeds, and its {@code promotion} says why, with
	 * both accuracies.
	 */
	@Test
	void aPromotionRefusedByTheAliasPolicyLeavesTheAliasAndSaysWhy() throws Exception {
		String job = postJson("/jobs", BASE.formatted("sw-gated", 1).replace("}", ",\"learningRate\":0.5}"), 202)
			.path("id")
			.asString();
		JsonNode trained = awaitUntil("/jobs/" + job,
				(j) -> !List.of("QUEUED", "RUNNING").contains(j.path("state").asString()));
		assertThat(trained.path("state").asString()).as(trained.toString()).isEqualTo("SUCCEEDED");
		int current = trained.path("model").path("version").asInt();
		double currentAccuracy = get("/models/sw-gated/versions/" + current).path("accuracy").asDouble();
		put("/models/sw-gated/aliases/production", "{\"version\":" + current + "}");
		// no version can beat the current one by half of all the test images
		put("/models/sw-gated/aliases/production/policy", "{\"mustBeatCurrent\":true,\"margin\":0.5}");

		String id = postJson("/sweeps",
				"{\"base\":" + BASE.formatted("sw-gated", 1)
						+ ",\"space\":{\"learningRate\":{\"values\":[0.3,0.5]}},\"algorithm\":\"grid\","
						+ "\"promote\":{\"alias\":\"production\"}}",
				202)
			.path("id")
			.asString();
		JsonNode sweep = awaitUntil("/sweeps/" + id, (s) -> !s.path("state").asString().equals("RUNNING"));
		assertThat(sweep.path("state").asString()).as(sweep.toString()).isEqualTo("SUCCEEDED");
		JsonNode promotion = sweep.path("promotion");
		int winner = sweep.path("best").path("model").path("version").asInt();
		assertThat(promotion.path("alias").asString()).isEqualTo("production");
		assertThat(promotion.path("version").asInt()).isEqualTo(winner);
		assertThat(promotion.path("promoted").asBoolean()).isFalse();
		assertThat(promotion.path("reason").asString())
			.isEqualTo("alias 'production' of model sw-gated was not moved: version " + winner + " has accuracy "
					+ sweep.path("best").path("testAccuracy").asDouble() + ", and it must reach "
					+ (currentAccuracy + 0.5) + " to beat version " + current + " (the alias's policy)");
		assertThat(promotion.path("accuracy").asDouble()).isEqualTo(sweep.path("best").path("testAccuracy").asDouble());
		assertThat(promotion.path("currentAccuracy").asDouble()).isEqualTo(currentAccuracy);
		for (JsonNode model : get("/models")) {
			if (model.path("name").asString().equals("sw-gated")) {
				assertThat(model.path("aliases").path("production").asInt()).isEqualTo(current);
			}
		}
		JsonNode history = get("/models/sw-gated/aliases/production/history");
		assertThat(history.size()).isEqualTo(1);
		assertThat(history.path(0).path("to").asInt()).isEqualTo(current);

		// without the policy, the next sweep's winner is promoted, and its history says
		// by which sweep
		put("/models/sw-gated/aliases/production/policy", "{}");
		String next = postJson("/sweeps", "{\"base\":" + BASE.formatted("sw-gated", 1)
				+ ",\"space\":{\"learningRate\":{\"values\":[0.5]}},\"algorithm\":\"grid\",\"promote\":{\"alias\":\"production\"}}",
				202)
			.path("id")
			.asString();
		JsonNode promoted = awaitUntil("/sweeps/" + next, (s) -> !s.path("state").asString().equals("RUNNING"));
		assertThat(promoted.path("promotion").path("promoted").asBoolean()).as(promoted.toString()).isTrue();
		JsonNode moved = get("/models/sw-gated/aliases/production/history").path(0);
		assertThat(moved.path("from").asInt()).isEqualTo(current);
		assertThat(moved.path("to").asInt()).isEqualTo(promoted.path("best").path("model").path("version").asInt());
		assertThat(moved.path("reason").asString()).isEqualTo("winner of sweep " + next);
	}

	private void put(String path, String json) throws Exception {
		var response = send(java.net.http.HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
	}

	@Test
	void cancellingASweepCancelsItsRunningTrials() throws Exception {
		String id = postJson("/sweeps", "{\"base\":" + BASE.formatted("sw-cancel", 300)
				+ ",\"space\":{\"learningRate\":{\"values\":[0.1,0.2,0.3]}},\"parallelTrials\":2,\"maxTrials\":3}", 202)
			.path("id")
			.asString();
		JsonNode running = awaitUntil("/sweeps/" + id,
				(s) -> s.path("trials").path(0).path("state").asString().equals("RUNNING"));
		JsonNode cancelled = delete("/sweeps/" + id, 200);
		assertThat(cancelled.path("state").asString()).isEqualTo("CANCELLED");
		JsonNode sweep = awaitUntil("/sweeps/" + id,
				(s) -> s.path("trials").path(0).path("state").asString().equals("CANCELLED"));
		assertThat(get("/jobs/" + running.path("trials").path(0).path("job").asString()).path("state").asString())
			.isEqualTo("CANCELLED");
		assertThat(sweep.path("trials").path(2).path("state").asString()).isEqualTo("PENDING");
		assertThat(sweep.path("trials").path(2).path("job").isNull()).isTrue();
		JsonNode again = JSON
			.readTree(send(java.net.http.HttpRequest.newBuilder(uri("/sweeps/" + id)).DELETE()).body());
		assertThat(again.path("status").asInt()).isEqualTo(409);
		assertThat(JSON.readTree(send(java.net.http.HttpRequest.newBuilder(uri("/sweeps/s-none")).GET()).body())
			.path("status")
			.asInt()).isEqualTo(404);
	}

	@Test
	void badSweepsAnswer400NamingTheField() throws Exception {
		String base = BASE.formatted("sw-bad", 1);
		Map<String, String> cases = new HashMap<>();
		cases.put("{\"base\":" + base + ",\"space\":{\"lerningRate\":{\"values\":[0.1]}}}", "space.lerningRate");
		cases.put("{\"base\":" + base + ",\"space\":{\"learningRate\":{\"min\":3,\"max\":1}}}",
				"space.learningRate.min");
		cases.put("{\"base\":" + base + ",\"space\":{\"cost\":{\"min\":0,\"max\":1}}}", "space.cost");
		cases.put("{\"base\":" + base + ",\"space\":{\"batchSize\":{\"values\":[10,0]}}}", "space.batchSize.values[1]");
		cases.put("{\"base\":" + base + ",\"space\":{\"cost\":{\"values\":[\"quadratic\",\"hinge\"]}}}",
				"space.cost.values[1]");
		cases.put("{\"base\":" + base + ",\"space\":{\"learningRate\":{\"min\":0,\"max\":1,\"scale\":\"log\"}}}",
				"space.learningRate.min");
		cases.put("{\"base\":" + base + ",\"space\":{\"learningRate\":{\"values\":[0.1]}},\"maxTrials\":101}",
				"maxTrials");
		cases.put("{\"base\":{\"dataset\":\"sample\"},\"space\":{\"learningRate\":{\"values\":[0.1]}}}",
				"base.validationSize");
		cases.put("{\"base\":" + base + ",\"space\":{\"model\":{\"values\":[\"a\"]}}}", "space.model");
		cases.put("{\"base\":{\"dataset\":\"sample\",\"validationSize\":2000},"
				+ "\"space\":{\"learningRate\":{\"values\":[0.1]}}}", "base.validationSize");
		cases.put("{\"base\":" + base + ",\"space\":{\"learningRate\":{\"values\":[0.1]}},"
				+ "\"earlyStopping\":{\"rule\":\"mean\",\"afterEpochs\":1}}", "earlyStopping.rule");
		for (Map.Entry<String, String> c : cases.entrySet()) {
			var response = post("/sweeps", c.getKey());
			assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.path("errors").path(0).path("field").asString()).as(response.body())
				.isEqualTo(c.getValue());
			assertThat(problem.path("detail").asString()).startsWith(c.getValue() + ": ");
		}
		assertThat(get("/sweeps").findValuesAsString("state")).doesNotContain("FAILED");
	}

	/**
	 * The sweep's stream gives every trial's epochs in order and each trial's end, then
	 * the sweep's end; a client that reconnects with the id of an event it had gets the
	 * rest, and nothing twice.
	 */
	@Test
	void aSweepsStreamGivesEveryTrialsEpochsThenTheEndAndResumesFromLastEventId() throws Exception {
		String id = postJson("/sweeps", "{\"base\":" + BASE.formatted("sw-events", 3)
				+ ",\"space\":{\"learningRate\":{\"values\":[0.2,0.5]}},\"algorithm\":\"grid\",\"parallelTrials\":2}",
				202)
			.path("id")
			.asString();
		List<Event> all = stream("/sweeps/" + id + "/events", null, (e) -> e.name().equals("end"));
		assertThat(all.get(all.size() - 1).name()).isEqualTo("end");
		assertThat(all.get(all.size() - 1).data().path("state").asString()).isEqualTo("SUCCEEDED");
		for (int trial = 1; trial <= 2; trial++) {
			int t = trial;
			List<Event> mine = all.stream().filter((e) -> e.data().path("trial").asInt() == t).toList();
			assertThat(mine).extracting(Event::name).containsExactly("epoch", "epoch", "epoch", "trial");
			assertThat(mine.subList(0, 3)).extracting((e) -> e.data().path("epoch").asInt()).containsExactly(1, 2, 3);
			assertThat(mine.get(0).data().has("accuracy")).isFalse();
			assertThat(mine.get(0).data().path("validationAccuracy").isNumber()).isTrue();
		}
		Event third = all.get(2);
		List<Event> rest = stream("/sweeps/" + id + "/events", third.id(), (e) -> e.name().equals("end"));
		assertThat(rest).extracting((e) -> e.name() + e.data().path("trial").asInt() + "/" + e.data().path("epoch"))
			.containsExactlyInAnyOrderElementsOf(all.subList(3, all.size())
				.stream()
				.map((e) -> e.name() + e.data().path("trial").asInt() + "/" + e.data().path("epoch"))
				.toList());
	}

	private static List<String> parameters(JsonNode sweep) {
		List<String> values = new ArrayList<>();
		sweep.path("trials").forEach((t) -> values.add(t.path("parameters").toString() + " " + t.path("seed")));
		return values;
	}

}
