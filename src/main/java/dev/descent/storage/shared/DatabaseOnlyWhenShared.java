package dev.descent.storage.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the database the shared backend's alone: unless {@code descent.storage.kind} is
 * {@code shared}, adds the JDBC and Flyway auto-configurations to
 * {@code spring.autoconfigure.exclude} (after any the configuration excludes itself), so
 * that the filesystem default starts with no database and no {@code spring.datasource.*}.
 * A property in application.yml cannot do this: it would exclude them in shared mode too,
 * and {@code @ImportAutoConfiguration} honours the exclusions. Registered in
 * META-INF/spring.factories.
 */
public class DatabaseOnlyWhenShared implements EnvironmentPostProcessor {

	static final List<String> DATABASE_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration");

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String kind = environment.getProperty("descent.storage.kind", "filesystem");
		if ("shared".equalsIgnoreCase(kind.trim())) {
			return;
		}
		List<String> excluded = new ArrayList<>(
				Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
		excluded.addAll(DATABASE_AUTO_CONFIGURATIONS);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("descentDatabaseOnlyWhenShared",
					Map.of(EXCLUDE, String.join(",", excluded))));
	}

}
