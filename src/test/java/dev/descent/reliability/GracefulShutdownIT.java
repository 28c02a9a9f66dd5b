package dev.descent.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM: the service stops taking jobs, finishes the prediction in flight, records the
 * running job as queued to resume and exits (bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}); after a restart nothing is lost
 * and the job resumes after its last finished epoch.
 */
class GracefulShutdownIT {

	/**
	 * Far above the configured shutdown phases: a hang detector, not a performance bound.
	 */
	private static final long EXIT_TIMEOUT_SECONDS = 120;

	@TempDir
	Path work;

	@Test
	void sigtermFinishesPredictionsInFlightAndLeavesTheJobToResume() throws Exception {
		Path data = this.work.resolve("data");
		List<String> images;
		Map<Integer, List<String>> before;
		String jobId;
		try (ServiceProcess service = ServiceProcess.start(data, "first", Map.of())) {
			int version = Api.trainVersion(service, 1);
			images = Api.testImages(service, 3);
			before = Api.predictions(service, List.of(version), images);
			jobId = Api.submit(service, Api.RESUMABLE_JOB);
			service.await("/jobs/" + jobId, (job) -> job.get("epochsCompleted").asInt() >= 1, Api.JOB_TIMEOUT);

			byte[] body = ("{\"model\":\"" + Api.MODEL + "\",\"version\":" + version + ",\"pixels\":" + images.get(0)
					+ "}")
				.getBytes(StandardCharsets.UTF_8);
			try (Socket inFlight = new Socket("127.0.0.1", service.port())) {
				OutputStream out = inFlight.getOutputStream();
				out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.write(body, 0, body.length / 2);
				out.flush();
				Thread.sleep(500);
				service.process().destroy();
				Thread.sleep(2000);
				assertThat(service.process().isAlive()).as("waits for the request in flight").isTrue();
				assertThat(acceptsJob(service)).as("takes no new job while stopping").isFalse();
				out.write(body, body.length / 2, body.length - body.length / 2);
				out.flush();
				String response = readAll(inFlight.getInputStream());
				assertThat(response).startsWith("HTTP/1.1 200").contains("\"output\":[");
			}
			assertThat(service.process().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
			assertThat(service.log()).contains("Commencing graceful shutdown");
		}
		JsonNode stopped = ServiceProcess.JSON.readTree(data.resolve("jobs").resolve(jobId + ".json").toFile());
		assertThat(stopped.get("state").asString()).as(stopped.toString()).isEqualTo("QUEUED");
		int stoppedAfter = stopped.get("epochsCompleted").asInt();
		assertThat(stoppedAfter).as(stopped.toString()).isBetween(1, Api.RESUMABLE_EPOCHS - 1);
		try (ServiceProcess service = ServiceProcess.start(data, "second", Map.of())) {
			JsonNode job = Api.awaitFinished(service, jobId);
			int resumed = Api.succeeded(job);
			assertThat(Api.resumedAfter(service, jobId)).as(service.log()).isEqualTo(stoppedAfter);
			assertThat(job.get("history")).hasSize(Api.RESUMABLE_EPOCHS);
			assertThat(resumed).isGreaterThan(max(before.keySet()));
			assertThat(Api.predictions(service, List.copyOf(before.keySet()), images)).isEqualTo(before);
		}
	}

	private static int max(Iterable<Integer> versions) {
		int max = 0;
		for (int version : versions) {
			max = Math.max(max, version);
		}
		return max;
	}

	private static boolean acceptsJob(ServiceProcess service) throws InterruptedException {
		try {
			return service
				.send(service.request("/jobs")
					.timeout(Duration.ofSeconds(3))
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString(Api.QUICK_JOB.formatted(9)))
					.build())
				.statusCode() == 202;
		}
		catch (IOException refused) {
			return false;
		}
	}

	private static String readAll(InputStream in) throws Exception {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

}
