package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.descent.models.ModelsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared backend ({@code descent.storage.kind=shared}): metadata in PostgreSQL
 * through Spring Boot's DataSource ({@code spring.datasource.*}, HikariCP), its schema
 * migrated by Flyway (db/migration), and blobs in an S3-compatible object store
 * ({@code descent.storage.s3.*}). Any number of replicas share both.
 *
 * <p>
 * The JDBC and Flyway auto-configurations are excluded in application.yml, so that the
 * filesystem default needs no database; this class imports them back only in this mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "descent.storage.kind", havingValue = "shared")
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
		DataSourceHealthContributorAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class })
@EnableConfigurationProperties({ S3Properties.class, OrphanProperties.class, ModelsProperties.class })
class SharedStorageConfig {

	@Bean(destroyMethod = "close")
	S3Client descentS3Client(S3Properties properties) {
		return S3Clients.create(properties.requireBucket());
	}

	/** The blobs of the model registry; other stores take theirs with forStore. */
	@Bean
	Blobs blobs(S3Client s3, S3Properties properties) {
		return new Blobs(s3, properties.requireBucket().bucket(), properties.prefix(), "models");
	}

	/**
	 * {@code descent.models.publish-delay} (crash tests) pauses between a version's blob
	 * and its row, as the filesystem store pauses before a version becomes visible.
	 */
	@Bean
	SharedModelStore modelStore(SharedDatabase database, Blobs blobs, JsonMapper json, ModelsProperties models) {
		Duration delay = models.publishDelay();
		return new SharedModelStore(database, blobs, json, (name, version) -> pause(delay));
	}

	private static void pause(Duration delay) throws IOException {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted before publishing", ex);
		}
	}

	/**
	 * Sweeps the registry's orphan weights every
	 * {@code descent.storage.orphans.interval}.
	 */
	@Bean(destroyMethod = "close")
	OrphanSweeps orphanSweeps(SharedModelStore models, OrphanProperties orphans, MeterRegistry registry) {
		return new OrphanSweeps(List.of(models.orphanSweeper(orphans.grace(), Clock.systemUTC(), registry)),
				orphans.interval());
	}

	/** Created after Flyway has migrated the schema. */
	@Bean
	@DependsOnDatabaseInitialization
	SharedDatabase sharedDatabase(DataSource dataSource) {
		return new SharedDatabase(dataSource);
	}

}
