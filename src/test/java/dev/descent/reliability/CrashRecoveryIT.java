package dev.descent.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service as a separate process, killed with SIGKILL mid-training and in the
 * middle of publishing a model version: after a restart the job resumes from the
 * checkpoint of its last finished epoch and succeeds with exactly the network an
 * uninterrupted run of its request trains, no partial version is visible, earlier
 * versions predict exactly as before, and no version number is handed out twice.
 */
class CrashRecoveryIT {

	@TempDir
	Path work;

	@Test
	void killedMidTrainingResumesAndTrainsWhatAnUninterruptedRunTrains() throws Exception {
		Path data = this.work.resolve("data");
		List<String> images;
		Map<Integer, List<String>> before;
		String jobId;
		JsonNode killed;
		try (ServiceProcess service = ServiceProcess.start(data, "first", Map.of())) {
			List<Integer> versions = List.of(Api.trainVersion(service, 1), Api.trainVersion(service, 2));
			images = Api.testImages(service, 5);
			before = Api.predictions(service, versions, images);
			jobId = Api.submit(service, Api.RESUMABLE_JOB);
			killed = service.await("/jobs/" + jobId, (job) -> job.get("epochsCompleted").asInt() >= 2, Api.JOB_TIMEOUT);
			service.kill();
		}
		try (ServiceProcess service = ServiceProcess.start(data, "second", Map.of())) {
			JsonNode job = Api.awaitFinished(service, jobId);
			int resumed = Api.succeeded(job);
			int after = Api.resumedAfter(service, jobId);
			assertThat(after).as(service.log())
				.isBetween(killed.get("epochsCompleted").asInt(), Api.RESUMABLE_EPOCHS - 1);
			assertThat(job.get("history")).hasSize(Api.RESUMABLE_EPOCHS);
			for (int e = 0; e < killed.get("history").size(); e++) {
				// the same epochs, their times included: kept, not trained again
				assertThat(job.get("history").get(e)).isEqualTo(killed.get("history").get(e));
			}
			assertThat(resumed).as("a new number").isGreaterThan(max(before.keySet()));
			assertThat(Api.versions(service)).containsExactlyInAnyOrderElementsOf(union(before.keySet(), resumed));
			assertThat(Api.predictions(service, List.copyOf(before.keySet()), images)).isEqualTo(before);

			int uninterrupted = Api.succeeded(Api.awaitFinished(service, Api.submit(service, Api.RESUMABLE_JOB)));
			assertThat(uninterrupted).isGreaterThan(resumed);
			assertThat(Api.weightsSha256(service, resumed)).isEqualTo(Api.weightsSha256(service, uninterrupted));
			assertThat(Api.costsAndAccuracies(service, resumed))
				.isEqualTo(Api.costsAndAccuracies(service, uninterrupted));
			assertThat(Api.predictions(service, List.of(resumed), images).get(resumed))
				.isEqualTo(Api.predictions(service, List.of(uninterrupted), images).get(uninterrupted));
			assertThat(Files.exists(data.resolve("jobs").resolve(jobId + ".checkpoint"))).isFalse();
			System.out.printf(
					"killed mid-training after epoch %d: job %s resumed after epoch %d as version %d, "
							+ "the same weights as uninterrupted version %d%n",
					killed.get("epochsCompleted").asInt(), jobId, after, resumed, uninterrupted);
		}
	}

	@Test
	void killedWhilePublishingLeavesNoPartialVersionAndNoReusedNumber() throws Exception {
		Path data = this.work.resolve("data");
		Map<String, String> slowPublish = Map.of("descent.models.publish-delay", "5s");
		List<String> images;
		Map<Integer, List<String>> before;
		String jobId;
		try (ServiceProcess service = ServiceProcess.start(data, "first", slowPublish)) {
			List<Integer> versions = List.of(Api.trainVersion(service, 1));
			images = Api.testImages(service, 5);
			before = Api.predictions(service, versions, images);
			jobId = Api.submit(service, Api.QUICK_JOB.formatted(2));
			awaitStaging(data.resolve("models").resolve(Api.MODEL), Api.JOB_TIMEOUT);
			service.kill();
		}
		try (ServiceProcess service = ServiceProcess.start(data, "second", Map.of())) {
			// the job had finished its only epoch: it resumes after it and only registers
			int resumed = Api.succeeded(Api.awaitFinished(service, jobId));
			assertThat(Api.resumedAfter(service, jobId)).as(service.log()).isEqualTo(1);
			int abandoned = max(before.keySet()) + 1;
			assertThat(resumed).as("the number handed to the killed write is not reused").isGreaterThan(abandoned);
			assertThat(Api.versions(service)).containsExactlyInAnyOrderElementsOf(union(before.keySet(), resumed));
			assertThat(Api.predictions(service, List.copyOf(before.keySet()), images)).isEqualTo(before);
			int next = Api.trainVersion(service, 2);
			assertThat(next).isGreaterThan(resumed);
			assertThat(Api.predictions(service, List.of(resumed), images).get(resumed))
				.as("the resumed version is what the same request trains uninterrupted")
				.isEqualTo(Api.predictions(service, List.of(next), images).get(next));
			System.out.printf("killed while publishing: job %s resumed as version %d; versions %s; next version %d%n",
					jobId, resumed, before.keySet(), next);
			try (Stream<Path> left = Files.list(data.resolve("models").resolve(Api.MODEL))) {
				assertThat(left.map((p) -> p.getFileName().toString())).noneMatch((n) -> n.startsWith(".staging"));
			}
		}
	}

	/** Waits until the repository is writing a version aside, not yet published. */
	private static void awaitStaging(Path modelDir, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.isDirectory(modelDir)) {
				try (Stream<Path> entries = Files.list(modelDir)) {
					if (entries.anyMatch((p) -> p.getFileName().toString().startsWith(".staging-"))) {
						return;
					}
				}
				catch (IOException raced) {
					// listed while it changed: look again
				}
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("no version was being written within " + timeout);
	}

	private static List<Integer> union(Collection<Integer> versions, int version) {
		List<Integer> all = new ArrayList<>(versions);
		all.add(version);
		return all;
	}

	private static int max(Iterable<Integer> versions) {
		int max = 0;
		for (int version : versions) {
			max = Math.max(max, version);
		}
		return max;
	}

}
