package dev.descent.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mirrors served by a local HTTP server: what each one serves is set per test.
 */
class MnistMirrorTest {

	@TempDir
	Path dir;

	final MnistFixture fixture = new MnistFixture();

	final Map<String, byte[]> served = new ConcurrentHashMap<>();

	final List<String> requests = new CopyOnWriteArrayList<>();

	HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(path);
			byte[] body = this.served.get(path);
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (body != null) ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				if (body != null) {
					out.write(body);
				}
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void fetchesMissingFilesFromAMirrorAndKeepsThemRaw() throws IOException {
		serveAll("/a/");
		Mnist mnist = new Mnist(this.dir, List.of(mirror("/a")), false, this.fixture.sums, "npm");
		assertThat(mnist.isAvailable()).isFalse();
		MnistData data = mnist.load();
		assertThat(data.training().size()).isEqualTo(3);
		for (String file : Mnist.FILES) {
			assertThat(this.dir.resolve(file)).hasBinaryContent(this.fixture.files.get(file));
		}
		assertThat(mnist.isAvailable()).isTrue();
		assertThat(this.requests).hasSize(4);
		try (var leftovers = Files.list(this.dir)) {
			assertThat(leftovers).hasSize(4);
		}
	}

	@Test
	void refetchesOnlyTheFileThatFailedItsChecksum() throws IOException {
		this.fixture.writeTo(this.dir);
		byte[] tampered = IdxReaderTest.labels(5, 0, 3);
		Files.write(this.dir.resolve(Mnist.TRAIN_LABELS), tampered);
		serveAll("/a/");
		MnistData data = new Mnist(this.dir, List.of(mirror("/a/")), false, this.fixture.sums, "npm").load();
		assertThat(data.training().label(2)).isEqualTo(4);
		assertThat(this.requests).containsExactly("/a/" + Mnist.TRAIN_LABELS + ".gz");
		assertThat(this.dir.resolve(Mnist.TRAIN_LABELS + ".rejected")).hasBinaryContent(tampered);
	}

	@Test
	void neverInstallsABadDownloadAndMovesOnToTheNextMirror() throws IOException {
		serveAll("/bad/");
		this.served.put("/bad/" + Mnist.TEST_IMAGES + ".gz", IdxReaderTest.gzip(IdxReaderTest.images(2 + 1)));
		this.served.put("/good/" + Mnist.TEST_IMAGES + ".gz", this.fixture.gzip(Mnist.TEST_IMAGES));
		MnistData data = new Mnist(this.dir, List.of(mirror("/bad/"), mirror("/good/")), false, this.fixture.sums,
				"npm")
			.load();
		assertThat(data.test().size()).isEqualTo(2);
		assertThat(this.requests).containsExactly("/bad/train-images-idx3-ubyte.gz", "/bad/train-labels-idx1-ubyte.gz",
				"/bad/t10k-images-idx3-ubyte.gz", "/bad/t10k-labels-idx1-ubyte.gz", "/good/t10k-images-idx3-ubyte.gz");
	}

	@Test
	void reportsEachMirrorsFailure() throws IOException {
		serveAll("/a/");
		this.served.remove("/a/" + Mnist.TRAIN_LABELS + ".gz");
		this.served.put("/a/" + Mnist.TEST_LABELS + ".gz", new byte[] { 0x1f, (byte) 0x8b, 8, 0 });
		Mnist mnist = new Mnist(this.dir, List.of(mirror("/a/")), false, this.fixture.sums, "npm");
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageStartingWith("could not obtain MNIST file(s) train-labels-idx1-ubyte, t10k-labels-idx1-ubyte;")
			.withMessageContaining(mirror("/a/") + "train-labels-idx1-ubyte.gz: HTTP status 404")
			.withMessageContaining(mirror("/a/") + "t10k-labels-idx1-ubyte.gz: ");
		try (var files = Files.list(this.dir)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactlyInAnyOrder(Mnist.TRAIN_IMAGES,
					Mnist.TEST_IMAGES);
		}
	}

	private void serveAll(String prefix) {
		for (String file : Mnist.FILES) {
			this.served.put(prefix + file + ".gz", this.fixture.gzip(file));
		}
	}

	private URI mirror(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

}
