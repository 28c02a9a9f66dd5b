package dev.descent.sweeps;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code descent.sweeps.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SweepsProperties.class)
class SweepsConfig {

}
