package dev.descent.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 * Three packaged services training from one queue in PostgreSQL, blobs in one S3 server,
 * {@code descent.jobs.concurrency=1} each and a 3 s lease: jobs submitted anywhere are
 * trained once each, by several replicas; a replica SIGKILLed mid-job is replaced by
 * another that resumes the job after its checkpoint and trains the same network; a cancel
 * sent to a replica that does not train the job stops it within a second; versions
 * registered at once get distinct numbers, and a SIGKILL while one is stored leaves no
 * half version. The three replicas are started once for the class and the tests run in
 * order; a killed replica is started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingReplicasIT {

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Duration PUBLISH_DELAY = Duration.ofMillis(1500);

	private static final Duration CANCEL_BOUND = Duration.ofSeconds(1);

	/** 10 epochs of a few hundred milliseconds: slow enough to kill after epoch 3. */
	private static final String TEN_EPOCHS = "{\"model\":\"crash\",\"layers\":[784,30,10],\"epochs\":10,"
			+ "\"trainingLimit\":2000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":11}";

	private static final String LONG_JOB = "{\"model\":\"crash\",\"layers\":[784,30,10],\"epochs\":200,"
			+ "\"trainingLimit\":2000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":12}";

	@TempDir
	static Path work;

	static PostgresServer postgres;

	static String databaseUrl;

	static Map<String, String> shared;

	static final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();

	@BeforeAll
	static void startThreeReplicas() throws Exception {
		postgres = SharedServers.postgres();
		S3ProxyServer s3 = SharedServers.s3();
		databaseUrl = postgres.createDatabase("training");
		shared = new LinkedHashMap<>();
		shared.put("descent.storage.kind", "shared");
		shared.put("spring.datasource.url", databaseUrl);
		shared.put("spring.datasource.username", postgres.username());
		shared.put("spring.datasource.password", postgres.password());
		shared.put("descent.storage.s3.endpoint", s3.endpoint().toString());
		shared.put("descent.storage.s3.bucket", s3.bucket());
		shared.put("descent.storage.s3.prefix", "training-" + System.nanoTime() + "/");
		shared.put("descent.storage.s3.region", "us-east-1");
		shared.put("aws.accessKeyId", s3.accessKey());
		shared.put("aws.secretAccessKey", s3.secretKey());
		shared.put("descent.jobs.concurrency", "1");
		shared.put("descent.jobs.lease", LEASE.toSeconds() + "s");
		shared.put("descent.jobs.poll-interval", "200ms");
		// a window between a version's blob and its row, for the kill during a publish
		shared.put("descent.models.publish-delay", PUBLISH_DELAY.toMillis() + "ms");
		ExecutorService starting = Executors.newFixedThreadPool(3);
		try {
			Map<String, Future<ServiceProcess>> started = new LinkedHashMap<>();
			for (String name : List.of("a", "b", "c")) {
				started.put(name, starting.submit(start(name)));
			}
			for (Map.Entry<String, Future<ServiceProcess>> entry : started.entrySet()) {
				replicas.put(entry.getKey(), entry.getValue().get());
			}
		}
		finally {
			starting.shutdown();
		}
	}

	private static Callable<ServiceProcess> start(String name) {
		return () -> {
			Map<String, String> properties = new LinkedHashMap<>(shared);
			properties.put("descent.instance-id", name);
			return ServiceProcess.start(work.resolve(name + "-" + System.nanoTime()), "replica-" + name, properties);
		};
	}

	@AfterAll
	static void stop() throws Exception {
		for (ServiceProcess replica : replicas.values()) {
			replica.close();
		}
	}

	@Test
	@Order(1)
	void sixJobsSubmittedRoundRobinAreEachTrainedOnceBySeveralReplicas() throws Exception {
		List<ServiceProcess> all = List.copyOf(replicas.values());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(Api.submit(all.get(i % 3), Api.QUICK_JOB.formatted(100 + i)));
		}
		Set<String> workers = new HashSet<>();
		for (String id : ids) {
			JsonNode job = Api.awaitFinished(all.get(0), id);
			Api.succeeded(job);
			assertThat(job.get("resumes")).as(job.toString()).isEmpty();
			workers.add(job.get("worker").asString());
			assertThat(trainings(id)).as("times job %s started training", id).isEqualTo(1);
		}
		assertThat(workers).as("replicas that trained the six jobs").hasSizeGreaterThanOrEqualTo(2);
		JsonNode listed = all.get(2).getJson("/jobs");
		for (String id : ids) {
			assertThat(listed.toString()).contains(id);
		}
	}

	@Test
	@Order(2)
	void aJobWhoseReplicaIsKilledAfterEpochThreeResumesElsewhereAndTrainsTheSameNetwork() throws Exception {
		ServiceProcess any = replicas.get("a");
		String reference = Api.weightsSha256(any, Api.succeeded(Api.awaitFinished(any, Api.submit(any, TEN_EPOCHS))));

		String id = Api.submit(replicas.get("b"), TEN_EPOCHS);
		JsonNode running = pollJob(any, id, (j) -> j.get("epochsCompleted").asInt() >= 3, Duration.ofMinutes(2));
		assertThat(running.get("state").asString()).as("still training after epoch 3: " + running).isEqualTo("RUNNING");
		String victim = running.get("worker").asString();
		replicas.get(victim).kill();
		Instant killed = Instant.now();
		ServiceProcess survivor = survivor(victim);

		JsonNode job = Api.awaitFinished(survivor, id);
		int version = Api.succeeded(job);
		JsonNode resume = job.get("resumes").get(0);
		assertThat(resume.get("worker").asString()).isNotEqualTo(victim);
		assertThat(resume.get("failover").asBoolean()).isTrue();
		assertThat(resume.get("afterEpoch").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(job.get("history")).hasSize(10);
		assertThat(Api.weightsSha256(survivor, version)).as("weights of the resumed run").isEqualTo(reference);
		Duration toResume = Duration.between(killed, Instant.parse(resume.get("at").asString()));
		System.out.printf("SIGKILL of %s after epoch %d: %s resumed after %.1f s%n", victim,
				running.get("epochsCompleted").asInt(), resume.get("worker").asString(), toResume.toMillis() / 1000.0);
		assertThat(toResume).isLessThan(LEASE.multipliedBy(3));
		replicas.put(victim, start(victim).call());
	}

	@Test
	@Order(3)
	void aCancelSentToAReplicaThatDoesNotTrainTheJobStopsItWithinASecond() throws Exception {
		ServiceProcess any = replicas.get("c");
		String id = Api.submit(any, LONG_JOB);
		JsonNode running = pollJob(any, id, (j) -> j.get("epochsCompleted").asInt() >= 1, Duration.ofMinutes(2));
		String trainer = running.get("worker").asString();
		ServiceProcess other = survivor(trainer);
		long start = System.nanoTime();
		HttpResponse<String> cancelled = other.send(other.request("/jobs/" + id).DELETE().build());
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		while (executions(id) > 0 && System.nanoTime() - start < CANCEL_BOUND.toNanos() * 5) {
			Thread.sleep(10);
		}
		Duration stopped = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("cancel sent to a replica that does not train the job: stopped on %s after %d ms%n", trainer,
				stopped.toMillis());
		assertThat(executions(id)).as("the training replica's execution ended").isZero();
		assertThat(stopped).isLessThan(CANCEL_BOUND);
		JsonNode job = Api.job(replicas.get(trainer), id);
		assertThat(job.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(job.get("model").isNull()).isTrue();
	}

	@Test
	@Order(4)
	void versionsRegisteredOnThreeReplicasAtOnceGetDistinctNumbers() throws Exception {
		List<ServiceProcess> all = List.copyOf(replicas.values());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(Api.submit(all.get(i), Api.QUICK_JOB.formatted(200 + i)));
		}
		Set<Integer> versions = new HashSet<>();
		Set<String> workers = new HashSet<>();
		for (String id : ids) {
			JsonNode job = Api.awaitFinished(all.get(0), id);
			versions.add(Api.succeeded(job));
			workers.add(job.get("worker").asString());
		}
		assertThat(versions).as("trained by " + workers).hasSize(3);
		for (ServiceProcess replica : all) {
			Api.awaitVersions(replica, versions);
		}
		List<Double> succeeded = new ArrayList<>();
		for (ServiceProcess replica : all) {
			succeeded.add(gauge(replica, "descent_jobs{", "state=\"SUCCEEDED\""));
		}
		assertThat(succeeded).as("every replica counts the jobs in PostgreSQL").containsOnly(succeeded.get(0));
	}

	/**
	 * The value of the first sample of {@code prefix} whose labels contain {@code label}.
	 */
	private static double gauge(ServiceProcess replica, String prefix, String label) throws Exception {
		HttpResponse<String> scrape = replica.get("/actuator/prometheus");
		return scrape.body()
			.lines()
			.filter((line) -> line.startsWith(prefix) && line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + prefix + label + " in " + scrape.body()));
	}

	@Test
	@Order(5)
	void aReplicaKilledWhileItStoresAVersionLeavesNoHalfVersion() throws Exception {
		ServiceProcess any = replicas.get("a");
		List<Integer> before = Api.versions(any);
		String id = Api.submit(any, TEN_EPOCHS.replace("\"seed\":11", "\"seed\":13"));
		JsonNode last = pollJob(any, id, (j) -> j.get("epochsCompleted").asInt() >= 10, Duration.ofMinutes(2));
		assertThat(last.get("state").asString()).as("storing its version: " + last).isEqualTo("RUNNING");
		String victim = last.get("worker").asString();
		replicas.get(victim).kill();
		ServiceProcess survivor = survivor(victim);
		JsonNode job = Api.awaitFinished(survivor, id);
		assertThat(job.get("resumes").get(0).get("afterEpoch").asInt()).isEqualTo(10);
		int version = Api.succeeded(job);
		List<Integer> after = Api.versions(survivor);
		assertThat(after).contains(version).containsAll(before);
		for (int listed : after) {
			HttpResponse<String> predicted = Api.predict(survivor, listed, Api.testImages(survivor, 1).get(0));
			assertThat(predicted.statusCode()).as("version %d: %s", listed, predicted.body()).isEqualTo(200);
		}
		replicas.put(victim, start(victim).call());
	}

	@Test
	@Order(6)
	void aStreamOpenedOnAReplicaThatDoesNotTrainTheJobGivesEveryEpochThenTheEnd() throws Exception {
		ServiceProcess any = replicas.get("a");
		String id = Api.submit(any, TEN_EPOCHS.replace("\"seed\":11", "\"seed\":13"));
		JsonNode running = pollJob(any, id, (j) -> "RUNNING".equals(j.get("state").asString()), Duration.ofMinutes(2));
		ServiceProcess other = survivor(running.get("worker").asString());
		List<String> events = new ArrayList<>();
		CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
			try (Stream<String> lines = HttpClient.newHttpClient()
				.send(other.request("/jobs/" + id + "/events").GET().build(), HttpResponse.BodyHandlers.ofLines())
				.body()) {
				Iterator<String> each = lines.iterator();
				while (each.hasNext()) {
					String line = each.next().replaceFirst("^(id|event|data): ?", "$1:");
					if (line.startsWith("id:") || line.startsWith("event:") || line.startsWith("data:")) {
						events.add(line);
					}
					if (line.startsWith("data:") && events.size() > 1
							&& events.get(events.size() - 2).equals("event:end")) {
						return;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		read.get(2, TimeUnit.MINUTES);
		List<String> ids = events.stream().filter((line) -> line.startsWith("id:")).map(String::strip).toList();
		assertThat(ids).as(String.join("\n", events))
			.containsExactly("id:1", "id:2", "id:3", "id:4", "id:5", "id:6", "id:7", "id:8", "id:9", "id:10");
		assertThat(events.get(events.size() - 1)).contains("\"state\":\"SUCCEEDED\"");
	}

	/** The replicas but {@code name}, one of them. */
	private static ServiceProcess survivor(String name) {
		return replicas.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals(name))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	/** How many times any replica started training the job, from their logs. */
	private static int trainings(String id) {
		Pattern trains = Pattern.compile("Job " + Pattern.quote(id) + " trains on ");
		int count = 0;
		for (ServiceProcess replica : replicas.values()) {
			Matcher matcher = trains.matcher(replica.log());
			while (matcher.find()) {
				count++;
			}
		}
		return count;
	}

	/**
	 * The job's execution rows in db-scheduler's table (one while queued or training).
	 */
	private static int executions(String id) throws Exception {
		try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from scheduled_tasks where task_instance = ?")) {
			statement.setString(1, id);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/** Polls fast (a job's epochs take a fraction of a second). */
	private static JsonNode pollJob(ServiceProcess replica, String id, java.util.function.Predicate<JsonNode> done,
			Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			last = Api.job(replica, id);
			if (done.test(last)) {
				return last;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("job " + id + " did not get there in " + timeout + ": " + last);
	}

}
