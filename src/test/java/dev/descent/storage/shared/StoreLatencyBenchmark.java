package dev.descent.storage.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.models.ModelFixtures;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.storage.filesystem.FileStoresForBenchmark;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publish and load latency of a [784, 100, 10] version (636 KB of weights) on each
 * backend, p50 and p99: the filesystem under target/, and the shared backend on a local
 * PostgreSQL and S3Proxy (SharedServers). Publish is {@link ModelRepository#register}
 * (allocate, stream the blob, record); load is {@link ModelRepository#load} of a version
 * not loaded before (read, verify the SHA-256, decode). Not a test: run it as the README
 * says. Figures are wall-clock on this machine, never asserted.
 */
public final class StoreLatencyBenchmark {

	private static final int WARMUP = 30;

	private static final int MEASURED = 200;

	private StoreLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Network network = Network.initialise(NetworkSpec.sigmoid(784, 100, 10), Init.NORMAL, new SplittableRandom(1));
		JsonMapper json = JsonMapper.builder().build();
		Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-files-");
		measure("filesystem", FileStoresForBenchmark.models(dir.resolve("models"), json), network);
		try (TestDatabase database = SharedServers.database("bench")) {
			SharedModelStore store = new SharedModelStore(database.database(), SharedServers.blobs("models"), json);
			measure("shared", store, network);
			store.close();
		}
		PostgresServer.deleteTree(dir);
		System.exit(0);
	}

	private static void measure(String backend, ModelStore store, Network network) throws Exception {
		ModelRepository repository = new ModelRepository(store);
		long[] publish = new long[WARMUP + MEASURED];
		for (int i = 0; i < publish.length; i++) {
			long start = System.nanoTime();
			repository.register("bench", network, ModelFixtures.provenance());
			publish[i] = System.nanoTime() - start;
		}
		long[] load = new long[WARMUP + MEASURED];
		for (int i = 0; i < load.length; i++) {
			long start = System.nanoTime();
			repository.load("bench", i + 1);
			load[i] = System.nanoTime() - start;
		}
		System.out.printf("%-10s publish p50 %s p99 %s | load p50 %s p99 %s (%d each after %d warm-up)%n", backend,
				percentile(publish, 50), percentile(publish, 99), percentile(load, 50), percentile(load, 99), MEASURED,
				WARMUP);
	}

	private static String percentile(long[] all, int p) {
		long[] measured = Arrays.copyOfRange(all, WARMUP, all.length);
		Arrays.sort(measured);
		long nanos = measured[(int) Math.ceil(p / 100.0 * measured.length) - 1];
		return String.format("%.1f ms", Duration.ofNanos(nanos).toNanos() / 1e6);
	}

}
