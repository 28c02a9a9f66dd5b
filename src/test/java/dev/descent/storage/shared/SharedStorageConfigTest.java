package dev.descent.storage.shared;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database belongs to the shared backend alone: with application.yml's exclusions the
 * JDBC and Flyway auto-configurations run only when {@code descent.storage.kind=shared}.
 */
class SharedStorageConfigTest {

	/**
	 * The readiness group names indicators that this minimal application does not have.
	 */
	private static final String NO_HEALTH_GROUPS = "--management.endpoint.health.validate-group-membership=false";

	@Test
	void theSharedKindGetsADataSourceMigratedByFlywayAndAnS3Client() {
		String url = SharedServers.postgres().createDatabase("config");
		try (ConfigurableApplicationContext context = start("--descent.storage.kind=shared",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + SharedServers.postgres().username(),
				"--descent.storage.s3.endpoint=http://127.0.0.1:9", "--descent.storage.s3.bucket=descent",
				NO_HEALTH_GROUPS)) {
			assertThat(context.getBean(DataSource.class)).isNotNull();
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT highest_version FROM model").query(Integer.class).list()).isEmpty();
			assertThat(context.getBean(SharedDatabase.class).availability().available()).isTrue();
			assertThat(context.getBean(Blobs.class)).isNotNull();
		}
	}

	@Test
	void theFilesystemKindHasNoDatabaseAtAll() {
		try (ConfigurableApplicationContext context = start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/x",
				NO_HEALTH_GROUPS)) {
			assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
			assertThat(context.getBeansOfType(JdbcClient.class)).isEmpty();
			assertThat(context.getBeansOfType(SharedDatabase.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(Minimal.class).web(WebApplicationType.NONE).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SharedStorageConfig.class)
	static class Minimal {

	}

}
