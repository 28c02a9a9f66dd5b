package dev.descent.reliability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls the crash tests make, over {@link ServiceProcess}. */
final class Api {

	static final String MODEL = "crash";

	/** Small and quick: one epoch on 1000 images. */
	static final String QUICK_JOB = "{\"model\":\"crash\",\"layers\":[784,10,10],\"epochs\":1,\"trainingLimit\":1000,"
			+ "\"batchSize\":10,\"learningRate\":3.0,\"seed\":%d}";

	/**
	 * Long enough to be stopped mid-training, short enough to then resume to its end: 40
	 * epochs on 2000 images.
	 */
	static final String RESUMABLE_JOB = "{\"model\":\"crash\",\"layers\":[784,30,10],\"epochs\":40,"
			+ "\"trainingLimit\":2000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":7}";

	static final int RESUMABLE_EPOCHS = 40;

	static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

	private Api() {
	}

	/** Starts a job and answers its id. */
	static String submit(ServiceProcess service, String json) throws Exception {
		HttpResponse<String> response = service.post("/jobs", json);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return ServiceProcess.JSON.readTree(response.body()).get("id").asString();
	}

	/** Trains a quick version to completion and answers its number. */
	static int trainVersion(ServiceProcess service, int seed) throws Exception {
		String id = submit(service, QUICK_JOB.formatted(seed));
		JsonNode job = service.await("/jobs/" + id, (j) -> isFinished(j.get("state").asString()), JOB_TIMEOUT);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		return job.get("model").get("version").asInt();
	}

	/** Waits until the job has finished and answers it. */
	static JsonNode awaitFinished(ServiceProcess service, String id) throws Exception {
		return service.await("/jobs/" + id, (j) -> isFinished(j.get("state").asString()), JOB_TIMEOUT);
	}

	/** Asserts the job succeeded and answers the number of the version it registered. */
	static int succeeded(JsonNode job) {
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		return job.get("model").get("version").asInt();
	}

	/**
	 * @return the epoch the service logged the job resumed after, -1 when it did not
	 */
	static int resumedAfter(ServiceProcess service, String jobId) {
		Matcher matcher = Pattern.compile("Job " + Pattern.quote(jobId) + " resumes after epoch (\\d+)")
			.matcher(service.log());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** A version's epochs without their times: what two runs of one request share. */
	static List<String> costsAndAccuracies(ServiceProcess service, int version) throws Exception {
		List<String> epochs = new ArrayList<>();
		for (JsonNode epoch : service.getJson("/models/" + MODEL + "/versions/" + version).get("history")) {
			epochs.add(epoch.get("epoch") + ":" + epoch.get("cost") + ":" + epoch.get("accuracy"));
		}
		return epochs;
	}

	static String weightsSha256(ServiceProcess service, int version) throws Exception {
		return service.getJson("/models/" + MODEL + "/versions/" + version).get("weightsSha256").asString();
	}

	static boolean isFinished(String state) {
		return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state);
	}

	static JsonNode job(ServiceProcess service, String id) throws Exception {
		return service.getJson("/jobs/" + id);
	}

	/** The version numbers of {@link #MODEL} that are visible. */
	static List<Integer> versions(ServiceProcess service) throws Exception {
		return versionNumbers(service.getJson("/models/" + MODEL + "/versions"));
	}

	private static List<Integer> versionNumbers(JsonNode listing) {
		List<Integer> versions = new ArrayList<>();
		for (JsonNode version : listing) {
			versions.add(version.get("version").asInt());
		}
		return versions;
	}

	/**
	 * How soon a version registered on one replica is listed by the others: each polls
	 * its PostgreSQL {@code LISTEN} connection every 250 ms (measured under a second by
	 * SharedModelStoreTest), so a listing read at once can miss the newest version.
	 */
	static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

	/**
	 * Waits until the replica lists every one of {@code expected}; until it has heard of
	 * the model at all, its listing answers 404, which counts as listing none.
	 * @throws IllegalStateException naming its last answer and carrying its log, when
	 * {@link #VISIBLE_WITHIN} passes first
	 */
	static void awaitVersions(ServiceProcess replica, Set<Integer> expected) throws Exception {
		long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
		while (true) {
			HttpResponse<String> response = replica.get("/models/" + MODEL + "/versions");
			if (response.statusCode() == 200
					&& versionNumbers(ServiceProcess.JSON.readTree(response.body())).containsAll(expected)) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("versions " + expected + " not all listed within " + VISIBLE_WITHIN
						+ "; last answer: " + response.statusCode() + " " + response.body() + "\n" + replica.log());
			}
			Thread.sleep(20);
		}
	}

	/** The first {@code count} MNIST test images, as JSON arrays of 784 numbers. */
	static List<String> testImages(ServiceProcess service, int count) throws Exception {
		List<String> images = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			images.add(service.getJson("/datasets/mnist/test/" + i).get("pixels").toString());
		}
		return images;
	}

	/** Every version's raw output for every image, to compare across restarts. */
	static Map<Integer, List<String>> predictions(ServiceProcess service, List<Integer> versions, List<String> images)
			throws Exception {
		Map<Integer, List<String>> outputs = new LinkedHashMap<>();
		for (int version : versions) {
			List<String> answers = new ArrayList<>();
			for (String image : images) {
				HttpResponse<String> response = predict(service, version, image);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				answers.add(ServiceProcess.JSON.readTree(response.body()).get("output").toString());
			}
			outputs.put(version, answers);
		}
		return outputs;
	}

	static HttpResponse<String> predict(ServiceProcess service, int version, String image) throws Exception {
		return service.post("/predict",
				"{\"model\":\"" + MODEL + "\",\"version\":" + version + ",\"pixels\":" + image + "}");
	}

}
