package dev.descent.predict;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.models.CorruptModelException;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelsProperties;
import dev.descent.models.TrainingProvenance;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class PredictionServiceTest {

	private static final TrainingProvenance PROVENANCE = new TrainingProvenance("j-1", "quadratic", "normal", "sgd",
			Map.of("learningRate", 3.0), 10, 1, 0.0, 1L, 100, 0, List.of(), "mnist", Map.of());

	private static final double[][] IMAGES = { new double[784], filled(0.5) };

	@TempDir
	Path dataDir;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private ModelRepository repository;

	private PredictionService service;

	@BeforeEach
	void setUp() {
		this.repository = spy(new ModelRepository(FileStores.models(this.dataDir)));
		this.service = new PredictionService(this.repository, this.registry, new PredictProperties(1000, 2));
	}

	@Test
	void answersWithTheNetworkItLoadedOnce() throws IOException {
		Network network = network(1);
		this.repository.register("mnist", network, PROVENANCE);
		for (int i = 0; i < 3; i++) {
			Prediction prediction = this.service.predict("mnist", null, null, IMAGES);
			assertThat(prediction.model()).isEqualTo(new ModelRef("mnist", 1));
			assertThat(prediction.outputs()[1]).containsExactly(network.predict(IMAGES[1]));
		}
		verify(this.repository, times(1)).load("mnist", 1);
	}

	@Test
	void keepsAtMostCacheSizeVersionsAndReloadsTheLeastRecentlyUsed() throws IOException {
		for (int seed = 1; seed <= 3; seed++) {
			this.repository.register("mnist", network(seed), PROVENANCE);
		}
		for (int version = 1; version <= 3; version++) {
			this.service.predict("mnist", version, null, IMAGES);
		}
		this.service.predict("mnist", 2, null, IMAGES);
		this.service.predict("mnist", 3, null, IMAGES);
		verify(this.repository, times(1)).load("mnist", 1);
		verify(this.repository, times(1)).load("mnist", 2);
		verify(this.repository, times(1)).load("mnist", 3);
		this.service.predict("mnist", 1, null, IMAGES);
		verify(this.repository, times(2)).load("mnist", 1);
	}

	@Test
	void newVersionsAndMovedAliasesAreUsedByTheNextRequest() throws IOException {
		this.repository.register("mnist", network(1), PROVENANCE);
		assertThat(this.service.predict("mnist", null, null, IMAGES).model().version()).isEqualTo(1);
		Network second = network(2);
		this.repository.register("mnist", second, PROVENANCE);
		Prediction prediction = this.service.predict("mnist", null, null, IMAGES);
		assertThat(prediction.model().version()).isEqualTo(2);
		assertThat(prediction.outputs()[0]).containsExactly(second.predict(IMAGES[0]));
		this.repository.putAlias("mnist", "production", 1);
		assertThat(this.service.predict("mnist", null, null, IMAGES).model().version()).isEqualTo(1);
		assertThat(this.service.predict("mnist", null, "production", IMAGES).model().version()).isEqualTo(1);
		assertThat(this.service.predict("mnist", 2, null, IMAGES).model().version()).isEqualTo(2);
	}

	@Test
	void corruptVersionIsNeverServedAndOthersKeepServing() throws IOException {
		this.repository.register("mnist", network(1), PROVENANCE);
		this.repository.register("mnist", network(2), PROVENANCE);
		Path weights = this.dataDir.resolve("models/mnist/v2/weights.bin");
		byte[] bytes = Files.readAllBytes(weights);
		bytes[bytes.length - 1] ^= 0x40;
		Files.write(weights, bytes);
		assertThatExceptionOfType(CorruptModelException.class)
			.isThrownBy(() -> this.service.predict("mnist", 2, null, IMAGES));
		assertThat(this.service.predict("mnist", null, null, IMAGES).model().version()).isEqualTo(1);
	}

	@Test
	void countsImagesAndTimesRequestsPerVersion() throws IOException {
		this.repository.register("mnist", network(1), PROVENANCE);
		this.service.predict("mnist", null, null, IMAGES);
		this.service.predict("mnist", 1, null, new double[][] { IMAGES[0] });
		assertThat(this.registry.get("descent.predictions").tags("model", "mnist", "version", "1").counter().count())
			.isEqualTo(3.0);
		Timer timer = this.registry.get("descent.prediction").tags("model", "mnist", "version", "1").timer();
		assertThat(timer.count()).isEqualTo(2);
	}

	@Test
	void predictionsKeepWorkingWhileVersionsAreRegistered() throws Exception {
		this.repository.register("mnist", network(1), PROVENANCE);
		AtomicBoolean registering = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> clients = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				clients.add(pool.submit(() -> predictWhile(registering)));
			}
			for (int seed = 2; seed <= 6; seed++) {
				this.repository.register("mnist", network(seed), PROVENANCE);
			}
			registering.set(false);
			for (Future<Integer> client : clients) {
				assertThat(client.get(30, TimeUnit.SECONDS)).isPositive();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.service.predict("mnist", null, null, IMAGES).model().version()).isEqualTo(6);
	}

	private int predictWhile(AtomicBoolean registering) {
		int answered = 0;
		do {
			assertThat(this.service.predict("mnist", null, null, IMAGES).outputs()).hasNumberOfRows(2);
			answered++;
		}
		while (registering.get());
		return answered;
	}

	private static Network network(long seed) {
		return Network.initialise(NetworkSpec.sigmoid(784, 3, 10), Init.NORMAL, new SplittableRandom(seed));
	}

	private static double[] filled(double value) {
		double[] image = new double[784];
		Arrays.fill(image, value);
		return image;
	}

}
