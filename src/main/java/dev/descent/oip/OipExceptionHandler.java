package dev.descent.oip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

import dev.descent.models.CorruptModelException;
import dev.descent.models.InvalidModelRequestException;
import dev.descent.models.ModelNotFoundException;
import dev.descent.storage.StoreUnavailableException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The protocol's errors, for this package's controllers only and ahead of descent's
 * problem+json advice: {@code {"error": "..."}} with the exception's message, which names
 * what is wrong in the feature's terms. 404 for an unknown model, version or alias; 400
 * for a malformed name or version, a request that does not fit the model, and a body that
 * is not JSON; 409 for a version that is stored but corrupt (the request is fine, the
 * stored state is not, as on descent's own API); 503 with Retry-After while a store
 * cannot be reached. Anything unexpected is logged and answered 500 without its message.
 */
@RestControllerAdvice(basePackageClasses = OipExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OipExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(OipExceptionHandler.class);

	@ExceptionHandler(ModelNotFoundException.class)
	ResponseEntity<ErrorBody> notFound(ModelNotFoundException ex) {
		return ErrorBody.response(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ InvalidInferenceException.class, InvalidModelRequestException.class })
	ResponseEntity<ErrorBody> invalid(RuntimeException ex) {
		return ErrorBody.response(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(CorruptModelException.class)
	ResponseEntity<ErrorBody> corrupt(CorruptModelException ex) {
		return ErrorBody.response(HttpStatus.CONFLICT, ex.getMessage());
	}

	/**
	 * 503 with Retry-After while the store cannot be reached (a version not yet loaded
	 * here cannot be read); versions already loaded keep answering.
	 */
	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<ErrorBody> unavailable(StoreUnavailableException ex) {
		logger.warn("Store {} unavailable on the Open Inference Protocol: {}", ex.store(), ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorBody("the " + ex.store() + " store cannot be reached now; retry later"));
	}

	/** Jackson's own message names its internals: only where it failed is passed on. */
	@ExceptionHandler(JacksonException.class)
	ResponseEntity<ErrorBody> malformed(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		String why = (ex instanceof StreamConstraintsException)
				? ": a number or a string is too long, or the nesting too deep" : "";
		return ErrorBody.response(HttpStatus.BAD_REQUEST, "the body is not valid JSON" + where + why);
	}

	/**
	 * Spring MVC's own refusals (a missing path variable, an unacceptable media type)
	 * keep their status; anything else is a 500 that says nothing about it.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // Spring Security answers these
		}
		StoreUnavailableException unavailable = StoreUnavailableException.in(ex);
		if (unavailable != null) {
			return unavailable(unavailable);
		}
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			HttpStatusCode status = response.getStatusCode();
			return ErrorBody.response(HttpStatus.valueOf(status.value()),
					"the request was refused: " + HttpStatus.valueOf(status.value()).getReasonPhrase().toLowerCase());
		}
		logger.error("Unexpected error on the Open Inference Protocol", ex);
		return ErrorBody.response(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged");
	}

}
