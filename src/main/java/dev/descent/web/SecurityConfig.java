package dev.descent.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Placeholder until API keys land (issue 6): everything is open, CSRF off (a JSON API
 * with no cookies), no sessions.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
