package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.descent.models.ModelRepository;
import dev.descent.storage.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under two replicas (a server of this test's own): writes fail with
 * {@link StoreUnavailableException}, the store reports DOWN, and when the server is back
 * both recover by themselves, the listener included, with nothing lost.
 */
class SharedModelStoreOutageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void bothReplicasRecoverWhenTheDatabaseIsBack() throws IOException, InterruptedException {
		Blobs blobs = SharedServers.blobs("models");
		try (PostgresServer own = PostgresServer.launch();
				TestDatabase first = TestDatabase.create(own.createDatabase("outage"), own.username(), own.password());
				TestDatabase second = first.replica();
				SharedModelStore writer = new SharedModelStore(first.database(), blobs, JSON);
				SharedModelStore listener = new SharedModelStore(second.database(), blobs, JSON)) {
			BlockingQueue<String> heard = new LinkedBlockingQueue<>();
			listener.onChange((name) -> heard.add(String.valueOf(name)));
			// listening: it says so with a null (every model may have changed)
			assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("null");
			ModelRepository repository = new ModelRepository(writer);
			repository.register("mnist", network(1), provenance());
			assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("mnist");

			own.stop();
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> writer.allocateVersion("mnist"))
				.satisfies((ex) -> assertThat(ex.store()).isEqualTo("models"));
			assertThat(writer.availability().available()).isFalse();
			assertThat(listener.availability().reason()).isEqualTo("the database cannot be reached");

			own.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> writer.availability().available());
			// the listener reconnected: it says every model may have changed while it was
			// away
			assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("null");
			int version = repository.register("mnist", network(2), provenance()).version();
			assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("mnist");
			assertThat(new ModelRepository(listener).load("mnist", version)).isNotNull();
			assertThat(listener.model("mnist").orElseThrow().versions().keySet()).containsExactly(1, version);
		}
	}

}
