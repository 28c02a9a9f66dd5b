package dev.descent.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.descent.storage.shared.PostgresServer;
import dev.descent.storage.shared.S3ProxyServer;
import dev.descent.storage.shared.SharedServers;
import tools.jackson.databind.JsonNode;

/**
 * The two figures of the README's "Training across replicas", on packaged replicas in
 * shared mode ({@code descent.jobs.concurrency=1}, lease 3 s, poll 200 ms): the seconds
 * from a SIGKILL of the replica training a job to the job resumed on another (5 kills,
 * median), and small jobs finished per minute with 1, 2 and 3 train replicas. Not a test:
 * run it as the README says. Wall-clock figures on this machine, never asserted.
 */
public final class TrainingReplicasBenchmark {

	private static final String TEN_EPOCHS = "{\"model\":\"bench\",\"layers\":[784,30,10],\"epochs\":10,"
			+ "\"trainingLimit\":2000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":%d}";

	private static final String SMALL_JOB = "{\"model\":\"bench\",\"layers\":[784,10,10],\"epochs\":1,"
			+ "\"trainingLimit\":1000,\"batchSize\":10,\"learningRate\":3.0,\"seed\":%d}";

	/** CPU-bound: 3 epochs on one thread each, so that replicas can share the cores. */
	private static final String ONE_THREAD_JOB = "{\"model\":\"bench\",\"layers\":[784,30,10],\"epochs\":3,"
			+ "\"trainingLimit\":2000,\"batchSize\":10,\"learningRate\":3.0,\"threads\":1,\"seed\":%d}";

	private static final int SMALL_JOBS = 60;

	private static final int ONE_THREAD_JOBS = 12;

	private static Path work;

	private static Map<String, String> shared;

	private TrainingReplicasBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		work = Files.createTempDirectory("replicas-benchmark");
		PostgresServer postgres = SharedServers.postgres();
		S3ProxyServer s3 = SharedServers.s3();
		shared = new LinkedHashMap<>();
		shared.put("descent.storage.kind", "shared");
		shared.put("spring.datasource.url", postgres.createDatabase("bench"));
		shared.put("spring.datasource.username", postgres.username());
		shared.put("spring.datasource.password", postgres.password());
		shared.put("descent.storage.s3.endpoint", s3.endpoint().toString());
		shared.put("descent.storage.s3.bucket", s3.bucket());
		shared.put("descent.storage.s3.prefix", "bench-" + System.nanoTime() + "/");
		shared.put("descent.storage.s3.region", "us-east-1");
		shared.put("aws.accessKeyId", s3.accessKey());
		shared.put("aws.secretAccessKey", s3.secretKey());
		shared.put("descent.jobs.concurrency", "1");
		shared.put("descent.jobs.lease", "3s");
		shared.put("descent.jobs.poll-interval", "200ms");
		shared.put("descent.jobs.queue-capacity", "256");
		Map<String, ServiceProcess> replicas = startAll(List.of("a", "b", "c"));
		try {
			if (!List.of(args).contains("--throughput-only")) {
				failover(replicas);
			}
			throughput(replicas);
		}
		finally {
			for (ServiceProcess replica : replicas.values()) {
				replica.close();
			}
		}
		System.exit(0);
	}

	private static void failover(Map<String, ServiceProcess> replicas) throws Exception {
		List<Double> seconds = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			ServiceProcess any = replicas.values().iterator().next();
			String id = Api.submit(any, TEN_EPOCHS.formatted(20 + round));
			JsonNode running = poll(any, id, 3);
			String victim = running.get("worker").asString();
			replicas.get(victim).kill();
			Instant killed = Instant.now();
			ServiceProcess survivor = replicas.entrySet()
				.stream()
				.filter((e) -> !e.getKey().equals(victim))
				.findFirst()
				.orElseThrow()
				.getValue();
			JsonNode job = Api.awaitFinished(survivor, id);
			Api.succeeded(job);
			Instant resumed = Instant.parse(job.get("resumes").get(0).get("at").asString());
			seconds.add(Duration.between(killed, resumed).toMillis() / 1000.0);
			replicas.put(victim, start(victim));
		}
		List<Double> sorted = new ArrayList<>(seconds);
		Collections.sort(sorted);
		System.out.printf("SIGKILL to resumed on another replica (lease 3 s): %s s, median %.1f s%n", seconds,
				sorted.get(2));
	}

	/** The same jobs with 1, 2, then 3 replicas training (the others stopped). */
	private static void throughput(Map<String, ServiceProcess> replicas) throws Exception {
		List<String> names = List.copyOf(replicas.keySet());
		for (String name : names.subList(1, 3)) {
			replicas.remove(name).close();
		}
		for (int trainers = 1; trainers <= 3; trainers++) {
			if (trainers > 1) {
				replicas.put(names.get(trainers - 1), start(names.get(trainers - 1)));
			}
			List<ServiceProcess> all = List.copyOf(replicas.values());
			measure(all, SMALL_JOB, SMALL_JOBS, 1000 * trainers, "small jobs ([784,10,10], 1 epoch of 1000)");
			measure(all, ONE_THREAD_JOB, ONE_THREAD_JOBS, 2000 * trainers,
					"one-thread jobs ([784,30,10], 3 epochs of 2000)");
		}
	}

	private static void measure(List<ServiceProcess> all, String request, int jobs, int seed, String what)
			throws Exception {
		long start = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			ids.add(Api.submit(all.get(i % all.size()), request.formatted(seed + i)));
		}
		for (String id : ids) {
			Api.succeeded(Api.awaitFinished(all.get(0), id));
		}
		double minutes = (System.nanoTime() - start) / 60e9;
		System.out.printf("%d train replicas, %s: %d jobs in %.1f s, %.0f jobs/min%n", all.size(), what, jobs,
				minutes * 60, jobs / minutes);
	}

	private static JsonNode poll(ServiceProcess replica, String id, int epochs) throws Exception {
		while (true) {
			JsonNode job = Api.job(replica, id);
			if (job.get("epochsCompleted").asInt() >= epochs) {
				return job;
			}
			Thread.sleep(10);
		}
	}

	private static Map<String, ServiceProcess> startAll(List<String> names) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(names.size());
		try {
			Map<String, Future<ServiceProcess>> started = new LinkedHashMap<>();
			for (String name : names) {
				started.put(name, pool.submit(() -> start(name)));
			}
			Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
			for (Map.Entry<String, Future<ServiceProcess>> entry : started.entrySet()) {
				replicas.put(entry.getKey(), entry.getValue().get());
			}
			return replicas;
		}
		finally {
			pool.shutdown();
		}
	}

	private static ServiceProcess start(String name) throws Exception {
		Map<String, String> properties = new LinkedHashMap<>(shared);
		properties.put("descent.instance-id", name);
		return ServiceProcess.start(work.resolve(name + "-" + System.nanoTime()), "bench-" + name, properties);
	}

}
