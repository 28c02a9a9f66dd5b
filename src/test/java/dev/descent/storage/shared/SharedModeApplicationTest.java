package dev.descent.storage.shared;

import dev.descent.DescentApplication;
import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.JobStore;
import dev.descent.models.ModelStore;
import dev.descent.sweeps.SweepStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service starts with {@code descent.storage.kind=shared} on a real PostgreSQL
 * and S3 API server: every store is the shared backend's and reports UP.
 */
class SharedModeApplicationTest {

	@Test
	void theServiceStartsWithEveryStoreShared() {
		PostgresServer postgres = SharedServers.postgres();
		S3ProxyServer s3 = SharedServers.s3();
		System.setProperty("aws.accessKeyId", s3.accessKey());
		System.setProperty("aws.secretAccessKey", s3.secretKey());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DescentApplication.class).run(
				"--server.port=0", "--descent.storage.kind=shared",
				"--spring.datasource.url=" + postgres.createDatabase("app"),
				"--spring.datasource.username=" + postgres.username(), "--descent.storage.s3.endpoint=" + s3.endpoint(),
				"--descent.storage.s3.bucket=" + s3.bucket(), "--descent.storage.s3.prefix=app-test/",
				"--descent.data-dir=target/shared-mode-app")) {
			assertThat(context.getBean(ModelStore.class)).isInstanceOf(SharedModelStore.class);
			assertThat(context.getBean(JobStore.class)).isInstanceOf(SharedJobStore.class);
			assertThat(context.getBean(DatasetStore.class)).isInstanceOf(SharedDatasetStore.class);
			assertThat(context.getBean(SweepStore.class)).isInstanceOf(SharedSweepStore.class);
			assertThat(context.getBean(JobStore.class).availability().available()).isTrue();
			assertThat(context.getBean(DatasetStore.class).availability().available()).isTrue();
		}
		finally {
			System.clearProperty("aws.accessKeyId");
			System.clearProperty("aws.secretAccessKey");
		}
	}

}
