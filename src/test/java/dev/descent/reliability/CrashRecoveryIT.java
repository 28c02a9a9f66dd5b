package dev.descent.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service as a separate process, killed with SIGKILL mid-training and in the
 * middle of publishing a model version: after a restart the job is FAILED as interrupted,
 * no partial version is visible, earlier versions predict exactly as before, and no
 * version number is handed out twice.
 */
class CrashRecoveryIT {

	@TempDir
	Path work;

	@Test
	void killedMidTrainingLosesNothingPublished() throws Exception {
		Path data = this.work.resolve("data");
		List<String> images;
		Map<Integer, List<String>> before;
		String jobId;
		try (ServiceProcess service = ServiceProcess.start(data, "first", Map.of())) {
			List<Integer> versions = List.of(Api.trainVersion(service, 1), Api.trainVersion(service, 2));
			images = Api.testImages(service, 5);
			before = Api.predictions(service, versions, images);
			jobId = Api.submit(service, Api.LONG_JOB);
			service.await("/jobs/" + jobId, (job) -> job.get("epochsCompleted").asInt() >= 1, Api.JOB_TIMEOUT);
			service.kill();
		}
		try (ServiceProcess service = ServiceProcess.start(data, "second", Map.of())) {
			assertInterrupted(Api.job(service, jobId));
			assertThat(Api.versions(service)).containsExactlyInAnyOrderElementsOf(before.keySet());
			assertThat(Api.predictions(service, List.copyOf(before.keySet()), images)).isEqualTo(before);
			int next = Api.trainVersion(service, 3);
			assertThat(next).isGreaterThan(max(before.keySet()));
			System.out.printf("killed mid-training: job %s after restart: %s; versions %s; next version %d%n", jobId,
					Api.job(service, jobId).get("error"), before.keySet(), next);
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
			assertInterrupted(Api.job(service, jobId));
			assertThat(Api.versions(service)).containsExactlyInAnyOrderElementsOf(before.keySet());
			assertThat(Api.predictions(service, List.copyOf(before.keySet()), images)).isEqualTo(before);
			int abandoned = max(before.keySet()) + 1;
			int next = Api.trainVersion(service, 3);
			assertThat(next).as("the number handed to the killed write is not reused").isGreaterThan(abandoned);
			System.out.printf("killed while publishing: job %s after restart: %s; versions %s; next version %d%n",
					jobId, Api.job(service, jobId).get("error"), before.keySet(), next);
			try (Stream<Path> left = Files.list(data.resolve("models").resolve(Api.MODEL))) {
				assertThat(left.map((p) -> p.getFileName().toString())).noneMatch((n) -> n.startsWith(".staging"));
			}
		}
	}

	private static void assertInterrupted(JsonNode job) {
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("FAILED");
		assertThat(job.get("error").asString()).as(job.toString()).containsIgnoringCase("interrupted");
		assertThat(job.get("model").isNull() || job.get("model").isMissingNode()).as(job.toString()).isTrue();
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

	private static int max(Iterable<Integer> versions) {
		int max = 0;
		for (int version : versions) {
			max = Math.max(max, version);
		}
		return max;
	}

}
