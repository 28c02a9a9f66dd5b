package dev.descent.cli;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring context the {@code import} command writes through: the service's own
 * configuration (application.yml, environment, {@code --name=value} arguments) and
 * auto-configuration (the DataSource, Jackson), but of the service's beans only the
 * storage backends. Nothing else starts: no web server, no job recovery or training, no
 * MNIST download.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ComponentScan("dev.descent.storage")
@ConfigurationPropertiesScan("dev.descent")
class ImportContext {

}
