package dev.descent.web;

import java.util.List;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The request body limit: a filter ahead of Spring Security (so an oversized body is
 * refused before anything reads it) and the resolver that turns an over-long chunked body
 * into 413.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

	/** Before Spring Security's filter chain (-100), after character encoding. */
	private static final int ORDER = -200;

	@Bean
	FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(LimitsProperties limits, ProblemWriter problems) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodyFilter(limits.maxBodySize().toBytes(), problems));
		registration.setOrder(ORDER);
		return registration;
	}

	/**
	 * Tomcat answers {@code Expect: 100-continue} only when the application starts
	 * reading the body, so a client that asks first never sends a body that is refused.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
	}

	@Bean
	WebMvcConfigurer bodyTooLargeResolver(ProblemWriter problems) {
		return new WebMvcConfigurer() {

			@Override
			public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
				resolvers.add(0, new BodyTooLargeResolver(problems));
			}

		};
	}

}
