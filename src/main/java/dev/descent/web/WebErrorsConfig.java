package dev.descent.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Problem+json for the errors that happen before the API's exception handlers: URLs that
 * Spring Security's firewall refuses ({@code ..}, {@code %2e}, {@code ;}, {@code //},
 * control characters) and requests Tomcat refuses itself.
 */
@Configuration(proxyBeanMethods = false)
class WebErrorsConfig {

	/** The one writer of problems outside Spring MVC: security, body limits, firewall. */
	@Bean
	ProblemWriter problemWriter(JsonMapper json) {
		return new ProblemWriter(json);
	}

	@Bean
	RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
		return (request, response, ex) -> problems.write(request, response, HttpStatus.BAD_REQUEST,
				ProblemTypes.INVALID_REQUEST, "The request URL is not allowed: it holds '..', an encoded '.', '/' "
						+ "or '%', a ';', '//' or a control character.");
	}

	@Bean
	ProblemErrorReportCustomizer problemErrorReportCustomizer() {
		return new ProblemErrorReportCustomizer();
	}

	/**
	 * Swaps Tomcat's HTML error report for {@link ProblemErrorReportValve}; runs last,
	 * after Boot has added its own report valve.
	 */
	static final class ProblemErrorReportCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
				Pipeline pipeline = context.getParent().getPipeline();
				for (Valve valve : pipeline.getValves()) {
					if (valve instanceof ErrorReportValve) {
						pipeline.removeValve(valve);
					}
				}
				pipeline.addValve(new ProblemErrorReportValve());
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
