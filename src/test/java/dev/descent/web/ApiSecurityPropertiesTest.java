package dev.descent.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys bind from one comma-separated environment variable, as a Helm Secret sets it.
 */
class ApiSecurityPropertiesTest {

	@Test
	void keysBindFromCommaSeparatedEnvironmentVariables() {
		ApiSecurityProperties properties = bind(Map.of("DESCENT_SECURITY_API_KEYS", " first-key , second-key ,",
				"DESCENT_SECURITY_READ_KEYS", "reader", "DESCENT_SECURITY_PROTECT_READS", "true"));
		assertThat(properties.apiKeys()).containsExactly("first-key", "second-key");
		assertThat(properties.readKeys()).containsExactly("reader");
		assertThat(properties.protectReads()).isTrue();
		assertThat(properties.keysConfigured()).isTrue();
		assertThat(properties.toString()).doesNotContain("first-key", "reader");
	}

	@Test
	void noKeysMeansOpen() {
		ApiSecurityProperties properties = bind(Map.of("DESCENT_SECURITY_API_KEYS", ""));
		assertThat(properties.keysConfigured()).isFalse();
		assertThat(properties.protectReads()).isFalse();
	}

	private static ApiSecurityProperties bind(Map<String, Object> environment) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", environment));
		return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("descent.security",
				ApiSecurityProperties.class);
	}

}
