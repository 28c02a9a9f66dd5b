package dev.descent.web;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * API keys ({@link ApiSecurityProperties}). With keys configured, a call that changes
 * state needs a full-access key, reads (GET, and the POSTs of {@link #READ_POSTS}:
 * predictions, v2 inference and the v2 repository index) need any key only when
 * {@code descent.security.protect-reads} is set, and anything not listed counts as a
 * write (secure by default). The actuator's three endpoints, the web page and the API
 * docs are always open. No key configured: everything is open, with a warning at start.
 * No sessions, no cookies, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfig.class);

	/** What src/main/resources/static holds, and the API docs. */
	static final String[] STATIC = { "/", "/index.html", "/*.js", "/*.css", "/js/**", "/swagger-ui.html",
			"/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**" };

	/**
	 * POSTs that change nothing: predictions, and the Open Inference Protocol's inference
	 * and repository index (a listing that the protocol asks for by POST).
	 */
	static final String[] READ_POSTS = { "/predict", "/bench/parse-only", "/v2/models/*/infer",
			"/v2/models/*/versions/*/infer", "/v2/repository/index" };

	@Bean
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiSecurityProperties properties) {
		return new ApiKeyAuthenticationProvider(properties);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiSecurityProperties properties,
			ApiKeyAuthenticationProvider provider, ProblemWriter writer) throws Exception {
		ProblemAuthenticationHandler problems = new ProblemAuthenticationHandler(writer);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (!properties.keysConfigured()) {
			logger.warn("descent.security.api-keys is not set: the API is open to anyone who can reach it");
			return http.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll()).build();
		}
		logger.info("API keys required for writes ({} full-access, {} read-only keys); reads {}",
				properties.allKeys().stream().filter((key) -> !key.readOnly()).count(),
				properties.allKeys().stream().filter(ApiSecurityProperties.NamedKey::readOnly).count(),
				properties.protectReads() ? "need a key too" : "are open");
		http.addFilterBefore(keyFilter(provider, problems), AnonymousAuthenticationFilter.class);
		return http.authorizeHttpRequests((auth) -> rules(auth, properties.protectReads())).build();
	}

	private static void rules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
			boolean protectReads) {
		// an event stream's async dispatch belongs to a request already authorised
		auth.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
		auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll();
		auth.requestMatchers(HttpMethod.GET, STATIC).permitAll();
		read(auth.requestMatchers(HttpMethod.GET), protectReads);
		read(auth.requestMatchers(HttpMethod.HEAD), protectReads);
		read(auth.requestMatchers(HttpMethod.OPTIONS), protectReads);
		read(auth.requestMatchers(HttpMethod.POST, READ_POSTS), protectReads);
		auth.anyRequest().hasRole(ApiKeyAuthenticationProvider.WRITE);
	}

	private static void read(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url, boolean protectReads) {
		if (protectReads) {
			url.hasRole(ApiKeyAuthenticationProvider.READ);
		}
		else {
			url.permitAll();
		}
	}

	private static AuthenticationFilter keyFilter(ApiKeyAuthenticationProvider provider,
			ProblemAuthenticationHandler problems) {
		AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(provider), new BearerKeyConverter());
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
		return filter;
	}

}
