package dev.descent.storage.shared;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.predict.Prediction;
import dev.descent.predict.PredictProperties;
import dev.descent.predict.PredictionService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.descent.models.ModelFixtures.inputs;
import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow object store (S3Proxy frozen with SIGSTOP, so that a read waits for an answer
 * that does not come) never blocks predictions of a version this replica has loaded: a
 * prediction that has to load another version waits inside the store, while the loaded
 * one goes on answering; when the store answers again, the waiting one is answered too.
 */
class SlowObjectStoreTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aLoadedVersionKeepsAnsweringWhileAnotherVersionWaitsForTheStore() throws Exception {
		try (S3ProxyServer own = S3ProxyServer.launch();
				TestDatabase db = SharedServers.database("slowstore");
				SharedModelStore store = new SharedModelStore(db.database(),
						new Blobs(SharedServers.client(own), own.bucket(), "slow/", "models"), JSON)) {
			ModelRepository repository = new ModelRepository(store);
			int loaded = repository.register("mnist", network(1), provenance()).version();
			int notLoaded = repository.register("mnist", network(2), provenance()).version();
			PredictionService service = new PredictionService(repository, new SimpleMeterRegistry(),
					new PredictProperties(1000, 4));
			double[][] images = inputs(3);
			double[][] before = service.predict("mnist", loaded, null, images).outputs();

			AtomicReference<Object> waiting = new AtomicReference<>();
			Thread loader = new Thread(() -> {
				try {
					waiting.set(service.predict("mnist", notLoaded, null, images));
				}
				catch (RuntimeException ex) {
					waiting.set(ex);
				}
			}, "loads-from-a-frozen-store");
			own.pause();
			try {
				loader.start();
				await().atMost(Duration.ofSeconds(20)).until(() -> readsTheStore(loader));

				for (int i = 0; i < 50; i++) {
					Prediction answer = service.predict("mnist", loaded, null, images);
					assertThat(answer.model()).isEqualTo(new ModelRef("mnist", loaded));
					assertThat(answer.outputs()).isDeepEqualTo(before);
				}
				assertThat(loader.isAlive()).as("the other version's load still waits for the store").isTrue();
				assertThat(readsTheStore(loader)).isTrue();
			}
			finally {
				own.resume();
			}
			loader.join(TimeUnit.SECONDS.toMillis(60));
			assertThat(waiting.get()).isInstanceOfSatisfying(Prediction.class,
					(answer) -> assertThat(answer.model()).isEqualTo(new ModelRef("mnist", notLoaded)));
		}
	}

	/** Whether the thread is inside a read of the object store. */
	private static boolean readsTheStore(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(Blobs.class.getName()));
	}

}
