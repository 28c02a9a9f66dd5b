package dev.descent.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.descent.storage.shared.PostgresServer;
import dev.descent.storage.shared.S3ProxyServer;
import dev.descent.storage.shared.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged services on one PostgreSQL and one S3 server ({@code descent.storage.kind=
 * shared}), each in {@code -Xmx512m}: a version published through one is predicted by the
 * other, an alias moved on one is used by the other's next prediction within a second,
 * and a PostgreSQL stopped for 10 s gives 503s on writes, never a 500, while loaded
 * versions keep answering; both replicas recover by themselves. The tests share the two
 * replicas and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedReplicasIT {

	/** The bound for an alias move to reach every replica. */
	private static final Duration ALIAS_PROPAGATION = Duration.ofSeconds(1);

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	@TempDir
	static Path work;

	static PostgresServer postgres;

	static ServiceProcess a;

	static ServiceProcess b;

	static List<String> images;

	static int first;

	@BeforeAll
	static void startTwoReplicas() throws Exception {
		// its own server, since this test stops it
		postgres = PostgresServer.launch();
		S3ProxyServer s3 = SharedServers.s3();
		Map<String, String> shared = new LinkedHashMap<>();
		shared.put("descent.storage.kind", "shared");
		shared.put("spring.datasource.url", postgres.createDatabase("replicas"));
		shared.put("spring.datasource.username", postgres.username());
		shared.put("spring.datasource.password", postgres.password());
		shared.put("descent.storage.s3.endpoint", s3.endpoint().toString());
		shared.put("descent.storage.s3.bucket", s3.bucket());
		shared.put("descent.storage.s3.prefix", "replicas-" + System.nanoTime() + "/");
		shared.put("descent.storage.s3.region", "us-east-1");
		// the AWS SDK's default provider chain reads these system properties
		shared.put("aws.accessKeyId", s3.accessKey());
		shared.put("aws.secretAccessKey", s3.secretKey());
		a = ServiceProcess.start(work.resolve("a"), "replica-a", shared);
		b = ServiceProcess.start(work.resolve("b"), "replica-b", shared);
		images = Api.testImages(a, 3);
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { a, b, postgres }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	@Test
	@Order(1)
	void aVersionPublishedThroughOneIsPredictedByTheOther() throws Exception {
		first = Api.trainVersion(a, 1);
		// the other replica hears of it through PostgreSQL's NOTIFY, a moment later
		Api.awaitVersions(b, Set.of(first));
		Map<Integer, List<String>> onA = Api.predictions(a, List.of(first), images);
		assertThat(Api.predictions(b, List.of(first), images)).as(b.log()).isEqualTo(onA);
		assertThat(Api.weightsSha256(b, first)).isEqualTo(Api.weightsSha256(a, first));
	}

	@Test
	@Order(2)
	void anAliasMovedOnOneIsUsedByTheOtherWithinASecond() throws Exception {
		int second = Api.trainVersion(b, 2);
		assertThat(second).as("numbers come from one sequence").isGreaterThan(first);
		moveAlias(a, first);
		awaitAliasOn(b, first, Duration.ofSeconds(10));
		List<Long> millis = new ArrayList<>();
		for (int round = 0; round < 4; round++) {
			int target = (round % 2 == 0) ? second : first;
			moveAlias(a, target);
			millis.add(awaitAliasOn(b, target, Duration.ofSeconds(10)).toMillis());
		}
		System.out.printf("alias moved on replica a, used by replica b after %s ms%n", millis);
		assertThat(millis).allSatisfy((ms) -> assertThat(ms).isLessThanOrEqualTo(ALIAS_PROPAGATION.toMillis()));
	}

	@Test
	@Order(3)
	void postgresStoppedForTenSecondsGives503sAndBothRecover() throws Exception {
		Map<Integer, List<String>> before = Api.predictions(a, List.of(first), images);
		postgres.stop();
		long deadline = System.nanoTime() + OUTAGE.toNanos();
		List<Integer> writes = new ArrayList<>();
		boolean readinessDown = false;
		while (System.nanoTime() < deadline) {
			for (ServiceProcess replica : List.of(a, b)) {
				HttpResponse<String> job = replica.post("/jobs", Api.QUICK_JOB.formatted(3));
				HttpResponse<String> alias = putAlias(replica, first);
				for (HttpResponse<String> write : List.of(job, alias)) {
					writes.add(write.statusCode());
					assertThat(write.statusCode()).as(write.body()).isNotEqualTo(500);
					if (write.statusCode() == 503) {
						assertThat(write.headers().firstValue("Retry-After")).isPresent();
						assertThat(write.body()).contains("store-unavailable");
					}
				}
				readinessDown |= replica.get("/actuator/health/readiness").statusCode() == 503;
				HttpResponse<String> predicted = Api.predict(replica, first, images.get(0));
				assertThat(predicted.statusCode()).as("a loaded version keeps answering: " + predicted.body())
					.isEqualTo(200);
			}
			Thread.sleep(250);
		}
		assertThat(writes).as("writes while PostgreSQL is down").contains(503);
		assertThat(readinessDown).as("readiness goes DOWN").isTrue();
		postgres.start();
		for (ServiceProcess replica : List.of(a, b)) {
			awaitReady(replica, Duration.ofSeconds(60));
		}
		int after = Api.trainVersion(b, 4);
		Api.awaitVersions(a, Set.of(after));
		assertThat(Api.versions(a)).contains(first, after);
		moveAlias(b, after);
		awaitAliasOn(a, after, Duration.ofSeconds(10));
		assertThat(Api.predictions(b, List.of(first), images)).isEqualTo(before);
	}

	@Test
	@Order(4)
	void allOfMnistTrainsAndServesInsideHalfAGigabyte() throws Exception {
		String id = Api.submit(a, "{\"model\":\"full\",\"layers\":[784,100,10],\"epochs\":1,"
				+ "\"trainingLimit\":60000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":1}");
		JsonNode job = a.await("/jobs/" + id, (j) -> Api.isFinished(j.get("state").asString()), Api.JOB_TIMEOUT);
		assertThat(job.get("state").asString()).as(job + "\n" + a.log()).isEqualTo("SUCCEEDED");
		int version = job.get("model").get("version").asInt();
		HttpResponse<String> predicted = b.post("/predict",
				"{\"model\":\"full\",\"version\":" + version + ",\"pixels\":" + images.get(0) + "}");
		assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
		assertThat(job.get("history").get(0).get("accuracy").asDouble()).isGreaterThan(0.9);
	}

	private static void moveAlias(ServiceProcess replica, int version) throws Exception {
		HttpResponse<String> response = putAlias(replica, version);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static HttpResponse<String> putAlias(ServiceProcess replica, int version) throws Exception {
		return replica.send(replica.request("/models/" + Api.MODEL + "/aliases/production")
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}"))
			.build());
	}

	/** Readiness answers 503 while a store is down: poll until it answers 200. */
	private static void awaitReady(ServiceProcess replica, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = replica.get("/actuator/health/readiness");
			if (response.statusCode() == 200) {
				return;
			}
			last = response.body();
			Thread.sleep(100);
		}
		throw new IllegalStateException("not ready again in " + timeout + "; last: " + last + "\n" + replica.log());
	}

	/** Predicts through the alias until the given version answers; the time it took. */
	private static Duration awaitAliasOn(ServiceProcess replica, int version, Duration timeout) throws Exception {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		String body = "{\"model\":\"" + Api.MODEL + "\",\"alias\":\"production\",\"pixels\":" + images.get(0) + "}";
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = replica.post("/predict", body);
			if (response.statusCode() == 200) {
				last = ServiceProcess.JSON.readTree(response.body());
				if (last.get("version").asInt() == version) {
					return Duration.ofNanos(System.nanoTime() - start);
				}
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("the alias did not reach version " + version + " in " + timeout + "; last: "
				+ last + "\n" + replica.log());
	}

}
