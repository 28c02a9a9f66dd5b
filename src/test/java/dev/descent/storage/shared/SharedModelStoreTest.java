package dev.descent.storage.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.descent.models.ModelRepository;
import dev.descent.models.ModelStore;
import dev.descent.models.ModelStoreContract;
import dev.descent.models.ModelVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The model store contract on PostgreSQL and S3 (real servers: Debian's PostgreSQL and
 * S3Proxy), and what is particular to replicas sharing them. Each test has a database and
 * a key prefix of its own; a second pool on the same database is a second replica.
 */
class SharedModelStoreTest extends ModelStoreContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestDatabase database = SharedServers.database("models");

	private final TestDatabase replica = this.database.replica();

	private final Blobs blobs = SharedServers.blobs("models");

	private final List<SharedModelStore> opened = new ArrayList<>();

	@AfterEach
	void close() {
		this.opened.forEach(SharedModelStore::close);
		this.replica.close();
		this.database.close();
	}

	@Override
	protected ModelStore open() {
		return opened(new SharedModelStore(this.database.database(), this.blobs, JSON));
	}

	/** Publishers alternate between the two replicas. */
	@Override
	protected ModelStore publisher(int i, ModelStore shared) {
		return (i % 2 == 0) ? shared : otherReplica();
	}

	private SharedModelStore otherReplica() {
		return opened(new SharedModelStore(this.replica.database(), this.blobs, JSON));
	}

	@Override
	protected void corruptWeights(String name, int version) throws IOException {
		String key = this.database.database()
			.jdbc()
			.sql("SELECT weights_key FROM model_version WHERE model = ? AND version = ?")
			.params(name, version)
			.query(String.class)
			.single();
		Path file = SharedServers.s3().objectFile(this.blobs.fullKey(key));
		byte[] bytes = Files.readAllBytes(file);
		bytes[100] ^= 1;
		Files.write(file, bytes);
	}

	@Override
	protected ModelStore interruptedBeforeRecord() {
		return opened(new SharedModelStore(this.database.database(), this.blobs, JSON, (name, version) -> {
			throw new IOException("crashed before the row");
		}));
	}

	private SharedModelStore opened(SharedModelStore store) {
		this.opened.add(store);
		return store;
	}

	@Test
	void aVersionPublishedOnOneReplicaIsLoadedOnTheOther() throws IOException {
		ModelRepository first = new ModelRepository(open());
		first.register("mnist", network(1), provenance());
		ModelRepository second = new ModelRepository(otherReplica());
		assertThat(second.version("mnist", 1).status()).isEqualTo(ModelVersion.Status.OK);
		double[] input = new double[784];
		input[300] = 1;
		assertThat(second.load("mnist", 1).predict(input)).containsExactly(network(1).predict(input));
	}

	@Test
	void theOtherReplicasListenersHearOfAChangeWithinOneSecond() throws Exception {
		SharedModelStore listening = otherReplica();
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		listening.onChange((name) -> heard.add(String.valueOf(name)));
		SharedModelStore own = (SharedModelStore) open();
		BlockingQueue<String> ownHeard = new LinkedBlockingQueue<>();
		own.onChange((name) -> ownHeard.add(String.valueOf(name)));
		ModelRepository repository = new ModelRepository(own);
		// once its LISTEN is in place, a store tells its listeners that every model may
		// have changed (a null): what was committed before then is not lost
		assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("null");
		long start = System.nanoTime();
		int v = repository.register("mnist", network(2), provenance()).version();
		String name = heard.poll(1, TimeUnit.SECONDS);
		long elapsed = System.nanoTime() - start;
		assertThat(name).isEqualTo("mnist");
		assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(1));
		assertThat(own
			.moveAlias(new dev.descent.models.AliasMove("mnist", "production", null, v, Instant.now(), "open", null)))
			.isTrue();
		assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo("mnist");
		assertThat(ownHeard).as("a store's own changes are not news to it").allMatch("null"::equals);
	}

	/**
	 * A repository reads the registry and then listens; a listener that comes when the
	 * store is listening already is told, as the first one was, to read every model
	 * again, so a change between its read and its listening is not lost.
	 */
	@Test
	void aListenerThatComesLaterIsAlsoToldToReadEveryModelAgain() throws Exception {
		SharedModelStore listening = otherReplica();
		BlockingQueue<String> first = new LinkedBlockingQueue<>();
		listening.onChange((name) -> first.add(String.valueOf(name)));
		assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo("null");
		BlockingQueue<String> later = new LinkedBlockingQueue<>();
		listening.onChange((name) -> later.add(String.valueOf(name)));
		assertThat(later.poll(5, TimeUnit.SECONDS)).isEqualTo("null");
		new ModelRepository(open()).register("mnist", network(1), provenance());
		assertThat(later.poll(5, TimeUnit.SECONDS)).isEqualTo("mnist");
	}

	@Test
	void anOrphanBlobOlderThanTheGraceIsSweptAndCounted() throws IOException {
		ModelRepository crashing = new ModelRepository(interruptedBeforeRecord());
		assertThatIOException().isThrownBy(() -> crashing.register("mnist", network(1), provenance()));
		SharedModelStore store = (SharedModelStore) open();
		new ModelRepository(store).register("mnist", network(2), provenance());
		assertThat(this.blobs.list("models/mnist/")).hasSize(2);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Clock now = Clock.systemUTC();
		assertThat(store.orphanSweeper(Duration.ofHours(1), now, registry).sweep()).isZero();
		Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
		assertThat(store.orphanSweeper(Duration.ofHours(1), later, registry).sweep()).isEqualTo(1);
		assertThat(this.blobs.list("models/mnist/")).singleElement().asString().startsWith("models/mnist/v2/");
		assertThat(registry.get("descent.storage.orphans.swept").tag("store", "models").counter().count())
			.isEqualTo(1.0);
		assertThat(new ModelRepository(open()).load("mnist", 2)).isNotNull();
	}

	@Test
	void eightPublishersOnTwoReplicasGetConsecutiveNumbers() throws Exception {
		List<Thread> threads = new ArrayList<>();
		List<Integer> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
		ModelStore shared = open();
		for (int i = 0; i < 8; i++) {
			ModelStore store = publisher(i, shared);
			Thread thread = new Thread(() -> {
				try {
					for (int k = 0; k < 3; k++) {
						numbers.add(store.allocateVersion("mnist"));
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(numbers).hasSize(24).doesNotHaveDuplicates();
		assertThat(numbers.stream().sorted().toList())
			.isEqualTo(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
	}

	@Test
	void anUnreachableObjectStoreMakesTheStoreUnavailable() throws IOException {
		S3ProxyServer server = SharedServers.s3();
		Blobs nowhere = new Blobs(
				S3Clients.create(new S3Properties(java.net.URI.create("http://127.0.0.1:" + PostgresServer.freePort()),
						server.bucket(), "", "us-east-1", true), SharedServers.credentials()),
				server.bucket(), "", "models");
		SharedModelStore store = opened(new SharedModelStore(this.database.database(), nowhere, JSON));
		assertThat(store.availability().available()).isFalse();
		assertThat(store.availability().reason()).isEqualTo("the object store cannot be reached");
		assertThat(open().availability().available()).isTrue();
	}

}
