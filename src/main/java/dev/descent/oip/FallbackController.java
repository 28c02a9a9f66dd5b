package dev.descent.oip;

import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every request under {@code /v2} that no endpoint takes, answered in the protocol's
 * {@code {"error"}} rather than descent's problem+json: 405 with {@code Allow} when the
 * path is an endpoint's but the method is not, else 404. {@code OPTIONS} on an endpoint
 * answers its {@code Allow}. The allowed methods are read from the registered mappings,
 * so they cannot drift from the controllers.
 */
@RestController
@Hidden
class FallbackController {

	static final String ALL = "/v2/**";

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	FallbackController(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@RequestMapping(ALL)
	ResponseEntity<ErrorBody> fallback(HttpServletRequest request) {
		Set<String> allowed = allowedMethods(request);
		if (allowed.isEmpty()) {
			return ErrorBody.response(HttpStatus.NOT_FOUND,
					"no endpoint of the Open Inference Protocol at this path; GET /v2 describes the server");
		}
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header(HttpHeaders.ALLOW, String.join(", ", allowed))
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorBody(request.getMethod() + " is not allowed here; this endpoint answers "
					+ String.join(" and ", allowed.stream().filter((m) -> !m.equals("HEAD")).toList())));
	}

	@RequestMapping(path = ALL, method = RequestMethod.OPTIONS)
	ResponseEntity<ErrorBody> options(HttpServletRequest request) {
		Set<String> allowed = allowedMethods(request);
		if (allowed.isEmpty()) {
			return fallback(request);
		}
		allowed.add("OPTIONS");
		return ResponseEntity.ok().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
	}

	private Set<String> allowedMethods(HttpServletRequest request) {
		PathContainer path = ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
				: PathContainer.parsePath(request.getRequestURI());
		Set<String> allowed = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getObject().getHandlerMethods().keySet()) {
			if (info.getPathPatternsCondition() == null || info.getMethodsCondition().getMethods().isEmpty()) {
				continue;
			}
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				if (!pattern.getPatternString().equals(ALL) && pattern.matches(path)) {
					info.getMethodsCondition().getMethods().forEach((method) -> allowed.add(method.name()));
				}
			}
		}
		if (allowed.contains("GET")) {
			allowed.add("HEAD");
		}
		return allowed;
	}

}
