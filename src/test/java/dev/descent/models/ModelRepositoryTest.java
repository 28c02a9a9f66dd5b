package dev.descent.models;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.descent.engine.Network;
import dev.descent.storage.filesystem.FileStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import static dev.descent.models.ModelFixtures.JSON;
import static dev.descent.models.ModelFixtures.inputs;
import static dev.descent.models.ModelFixtures.network;
import static dev.descent.models.ModelFixtures.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModelRepositoryTest {

	@TempDir
	Path dataDir;

	private ModelRepository open() {
		return new ModelRepository(FileStores.models(this.dataDir));
	}

	@Test
	void loadedNetworkPredictsExactlyWhatTheRegisteredOneDid() throws IOException {
		ModelRepository repository = open();
		Network network = network(1);
		ModelRef ref = repository.register("mnist", network, provenance());
		Network loaded = repository.load("mnist", ref.version());
		for (double[] input : inputs(5)) {
			assertThat(loaded.predict(input)).containsExactly(network.predict(input));
		}
		ModelVersion version = repository.version("mnist", 1);
		assertThat(version.status()).isEqualTo(ModelVersion.Status.OK);
		assertThat(version.metadata().layers()).containsExactly(784, 3, 10);
		assertThat(version.metadata().optimizer().settings()).containsEntry("momentum", 0.9);
		assertThat(version.metadata().accuracy()).isEqualTo(0.9);
	}

	@Test
	void fileFormatDoesNotFollowTheApplicationsJsonSettings() throws IOException {
		JsonMapper timestamps = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
		new ModelRepository(FileStores.models(this.dataDir, timestamps, Duration.ZERO)).register("mnist", network(1),
				provenance());
		String json = Files.readString(this.dataDir.resolve("models/mnist/v1/model.json"));
		assertThat(JSON.readTree(json).get("createdAt").isString()).isTrue();
		assertThat(open().version("mnist", 1).isCorrupt()).isFalse();
	}

	@Test
	void versionNumbersAreNeverReusedAfterDeletionOrRestart() throws IOException {
		ModelRepository repository = open();
		for (int expected = 1; expected <= 3; expected++) {
			assertThat(repository.register("mnist", network(expected), provenance()).version()).isEqualTo(expected);
		}
		repository.deleteVersion("mnist", 3);
		assertThat(repository.register("mnist", network(4), provenance()).version()).isEqualTo(4);
		repository.deleteVersion("mnist", 4);
		ModelRepository restarted = open();
		assertThat(restarted.versions("mnist")).extracting(ModelVersion::version).containsExactly(1, 2);
		assertThat(restarted.register("mnist", network(5), provenance()).version()).isEqualTo(5);
		assertThat(restarted.list()).singleElement().extracting(ModelSummary::latestVersion).isEqualTo(5);
	}

	@Test
	void crashBeforePublishingLeavesNothingVisibleAfterRestart() throws Exception {
		ModelRepository crashing = new ModelRepository(FileStores.models(this.dataDir, JSON, Duration.ofMinutes(5)));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread writer = new Thread(() -> {
			try {
				crashing.register("mnist", network(1), provenance());
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		writer.start();
		awaitPause(writer);
		assertThat(listModelDir()).hasSize(2).contains("highest-version").noneMatch((f) -> f.startsWith("v"));
		assertThat(crashing.versions("mnist")).isEmpty();
		ModelRepository restarted = open();
		assertThat(listModelDir()).containsExactly("highest-version");
		assertThat(restarted.register("mnist", network(2), provenance()).version()).isEqualTo(2);
		writer.interrupt();
		writer.join();
		assertThat(failure.get()).isInstanceOf(IOException.class);
		assertThat(listModelDir()).containsExactlyInAnyOrder("highest-version", "v2");
	}

	/** Waits until {@code writer} sleeps in the publish delay, its version staged. */
	private void awaitPause(Thread writer) throws InterruptedException {
		for (int i = 0; i < 1000; i++) {
			if (writer.getState() == Thread.State.TIMED_WAITING && Files.exists(this.dataDir.resolve("models/mnist"))
					&& listModelDirQuietly().size() == 2) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("the writer never reached the publish delay");
	}

	private List<String> listModelDirQuietly() {
		try {
			return listModelDir();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	@Test
	void leftoversOfInterruptedWritesAreDeletedOnStart() throws IOException {
		open().register("mnist", network(1), provenance());
		Path modelDir = this.dataDir.resolve("models/mnist");
		Files.createDirectories(modelDir.resolve(".staging-1234/x"));
		Files.writeString(modelDir.resolve(".staging-1234/weights.bin"), "half");
		Files.createDirectories(modelDir.resolve(".trash-5678"));
		Files.writeString(modelDir.resolve(".tmp-aliases.json-9"), "{");
		ModelRepository restarted = open();
		assertThat(listModelDir()).containsExactlyInAnyOrder("highest-version", "v1");
		assertThat(restarted.versions("mnist")).hasSize(1);
	}

	@Test
	void flippedByteMakesOnlyThatVersionCorrupt() throws IOException {
		ModelRepository repository = open();
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		Path weights = this.dataDir.resolve("models/mnist/v2/weights.bin");
		byte[] bytes = Files.readAllBytes(weights);
		bytes[100] ^= 1;
		Files.write(weights, bytes);
		assertThatExceptionOfType(CorruptModelException.class).isThrownBy(() -> repository.load("mnist", 2))
			.withMessage("version 2 of model mnist failed its checksum");
		assertThat(repository.version("mnist", 2).status()).isEqualTo(ModelVersion.Status.CORRUPT);
		assertThat(repository.version("mnist", 2).problem()).isEqualTo("version 2 of model mnist failed its checksum");
		assertThat(repository.load("mnist", 1)).isNotNull();
		assertThat(repository.resolve("mnist", null, null).version()).isEqualTo(1);
		assertThatExceptionOfType(CorruptModelException.class)
			.isThrownBy(() -> repository.putAlias("mnist", "production", 2));
		ModelRepository restarted = open();
		assertThat(restarted.version("mnist", 2).isCorrupt()).isTrue();
		assertThat(restarted.version("mnist", 1).isCorrupt()).isFalse();
	}

	@Test
	void unreadableMetadataIsReportedCorrupt() throws IOException {
		open().register("mnist", network(1), provenance());
		Files.writeString(this.dataDir.resolve("models/mnist/v1/model.json"), "{\"formatVersion\":");
		ModelVersion version = open().version("mnist", 1);
		assertThat(version.problem()).isEqualTo("version 1 of model mnist has unreadable metadata");
		assertThat(version.metadata().name()).isEqualTo("mnist");
	}

	@Test
	void aliasesPickTheDefaultVersionAndProtectTheirTarget() throws IOException {
		ModelRepository repository = open();
		repository.register("mnist", network(1), provenance());
		repository.register("mnist", network(2), provenance());
		assertThat(repository.resolve("mnist", null, null).version()).isEqualTo(2);
		assertThat(repository.putAlias("mnist", "production", 1).aliases()).containsEntry("production", 1);
		assertThat(repository.resolve("mnist", null, null).version()).isEqualTo(1);
		assertThat(repository.resolve("mnist", 2, null).version()).isEqualTo(2);
		assertThatExceptionOfType(ModelConflictException.class).isThrownBy(() -> repository.deleteVersion("mnist", 1))
			.withMessageContaining("alias 'production'");
		assertThat(open().resolve("mnist", null, "production").version()).isEqualTo(1);
		repository.deleteAlias("mnist", "production");
		repository.deleteVersion("mnist", 1);
		assertThat(open().list()).singleElement().satisfies((model) -> {
			assertThat(model.aliases()).isEmpty();
			assertThat(model.latestVersion()).isEqualTo(2);
		});
	}

	@Test
	void missingThingsAreNamed() throws IOException {
		ModelRepository repository = open();
		assertThatExceptionOfType(ModelNotFoundException.class)
			.isThrownBy(() -> repository.resolve("mnist", null, null))
			.withMessage("no model named 'mnist'");
		repository.register("mnist", network(1), provenance());
		assertThatExceptionOfType(ModelNotFoundException.class).isThrownBy(() -> repository.resolve("mnist", 7, null))
			.withMessage("model mnist has no version 7");
		assertThatExceptionOfType(ModelNotFoundException.class)
			.isThrownBy(() -> repository.resolve("mnist", null, "staging"))
			.withMessage("model mnist has no alias 'staging'");
		assertThatExceptionOfType(ModelNotFoundException.class)
			.isThrownBy(() -> repository.putAlias("mnist", "production", 9));
		assertThatExceptionOfType(InvalidModelRequestException.class)
			.isThrownBy(() -> repository.resolve("mnist", 1, "production"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "..", "/etc", "a/b", "a\\b", "%2e%2e", "a..b", "a\0b", ".hidden", "-x", "Mnist",
			"", "x23456789012345678901234567890123456789012345678901234567890123456" })
	void namesThatCouldEscapeTheRepositoryAreRejected(String name) throws IOException {
		ModelRepository repository = open();
		assertThatExceptionOfType(InvalidModelRequestException.class)
			.isThrownBy(() -> repository.register(name, network(1), provenance()))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("name"));
		assertThatExceptionOfType(InvalidModelRequestException.class)
			.isThrownBy(() -> repository.resolve(name, null, null));
		assertThatExceptionOfType(InvalidModelRequestException.class).isThrownBy(() -> repository.versions(name));
		assertThat(repository.list()).isEmpty();
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void aliasNamesAreValidatedToo() throws IOException {
		ModelRepository repository = open();
		repository.register("mnist", network(1), provenance());
		assertThatExceptionOfType(InvalidModelRequestException.class)
			.isThrownBy(() -> repository.putAlias("mnist", "../prod", 1));
		assertThatExceptionOfType(InvalidModelRequestException.class)
			.isThrownBy(() -> repository.resolve("mnist", null, "Prod"));
	}

	@Test
	void longestValidNameIsAccepted() throws IOException {
		String name = "m".repeat(64);
		assertThat(open().register(name, network(1), provenance())).isEqualTo(new ModelRef(name, 1));
	}

	private List<String> listModelDir() throws IOException {
		try (Stream<Path> files = Files.list(this.dataDir.resolve("models/mnist"))) {
			return files.map((p) -> p.getFileName().toString()).toList();
		}
	}

	/**
	 * Another replica's change makes the repository re-read the store (in shared storage,
	 * on the listener's thread). When this process registers a version while that reading
	 * is under way, the refresh must not put what it read, without the new version, over
	 * it: it reads again.
	 */
	@Test
	void aRefreshWhoseReadingPredatesALocalRegistrationDoesNotLoseTheVersion() throws Exception {
		ModelStore files = FileStores.models(this.dataDir);
		AtomicBoolean armed = new AtomicBoolean();
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch registered = new CountDownLatch(1);
		InvocationHandler pausingAfterARead = (proxy, method, args) -> {
			Object result;
			try {
				result = method.invoke(files, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (method.getName().equals("models") && armed.compareAndSet(true, false)) {
				read.countDown();
				registered.await(10, TimeUnit.SECONDS);
			}
			return result;
		};
		ModelStore store = (ModelStore) Proxy.newProxyInstance(ModelStore.class.getClassLoader(),
				new Class<?>[] { ModelStore.class }, pausingAfterARead);
		ModelRepository repository = new ModelRepository(store);
		repository.register("mnist", network(1), provenance());
		armed.set(true);
		Thread refresh = new Thread(() -> repository.refresh(null));
		refresh.start();
		assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
		repository.register("mnist", network(2), provenance());
		registered.countDown();
		refresh.join(10_000);
		assertThat(refresh.isAlive()).isFalse();
		assertThat(repository.version("mnist", 2).status()).isEqualTo(ModelVersion.Status.OK);
		assertThat(repository.version("mnist", 1).status()).isEqualTo(ModelVersion.Status.OK);
	}

}
