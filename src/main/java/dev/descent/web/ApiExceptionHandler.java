package dev.descent.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.descent.datasets.DatasetConflictException;
import dev.descent.datasets.DatasetNotFoundException;
import dev.descent.datasets.InvalidDatasetException;
import dev.descent.datasets.MnistUnavailableException;
import dev.descent.datasets.TestImageNotFoundException;
import dev.descent.jobs.InvalidJobRequestException;
import dev.descent.jobs.JobConflictException;
import dev.descent.jobs.JobNotFoundException;
import dev.descent.jobs.JobsUnavailableException;
import dev.descent.models.CorruptModelException;
import dev.descent.models.InvalidModelRequestException;
import dev.descent.models.ModelConflictException;
import dev.descent.models.ModelNotFoundException;
import dev.descent.models.NoRollbackTargetException;
import dev.descent.models.PromotionRefusedException;
import dev.descent.onnx.UnsupportedOnnxModelException;
import dev.descent.predict.InvalidPredictRequestException;
import dev.descent.storage.StoreUnavailableException;

import dev.descent.sweeps.InvalidSweepException;
import dev.descent.sweeps.SweepConflictException;
import dev.descent.sweeps.SweepNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the MVC layer sees becomes problem+json: a stable {@code type} from
 * {@link ProblemTypes}, a title, a detail naming the field or index, and for invalid
 * fields an {@code errors} list. The features' exceptions carry no HTTP: this is the one
 * place that gives each its status, type, title and headers on descent's API; their
 * message is the detail. Unexpected exceptions are logged and answered with a generic 500
 * that reveals nothing of them.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, Problems.invalid(fieldProblems(ex.getBindingResult())), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Problems.FieldProblem> problems = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				String field = (error instanceof FieldError fieldError) ? fieldError.getField() : name;
				problems.add(new Problems.FieldProblem(field, error.getDefaultMessage()));
			}
		});
		if (problems.isEmpty()) {
			problems.add(new Problems.FieldProblem("request", "is invalid"));
		}
		return handleExceptionInternal(ex, Problems.invalid(problems), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, JsonProblems.of(ex), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		Class<?> type = ex.getRequiredType();
		String message = "has an invalid value";
		if (type != null && type.isEnum()) {
			message = "must be one of " + List.of(type.getEnumConstants());
		}
		else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			message = "must be an integer";
		}
		return handleExceptionInternal(ex, Problems.invalid(List.of(new Problems.FieldProblem(name, message))), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "no resource at /" + ex.getResourcePath());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "the upload is larger than the maximum of "
				+ ((ex.getMaxUploadSize() >= 0) ? ex.getMaxUploadSize() + " bytes" : "the configured size"));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
	}

	@ExceptionHandler(JobNotFoundException.class)
	ResponseEntity<Object> handleJobNotFound(JobNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Job not found", request);
	}

	@ExceptionHandler(JobConflictException.class)
	ResponseEntity<Object> handleJobConflict(JobConflictException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Job state conflict", request);
	}

	/** 429 when the queue is full, 503 while shutting down; both with Retry-After. */
	@ExceptionHandler(JobsUnavailableException.class)
	ResponseEntity<Object> handleJobsUnavailable(JobsUnavailableException ex, WebRequest request) {
		HttpHeaders headers = retryAfter(ex.retryAfter());
		return switch (ex.reason()) {
			case QUEUE_FULL ->
				problem(ex, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.QUEUE_FULL, "Job queue full", headers, request);
			case SHUTTING_DOWN -> problem(ex, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SHUTTING_DOWN,
					"Service shutting down", headers, request);
		};
	}

	@ExceptionHandler(ModelNotFoundException.class)
	ResponseEntity<Object> handleModelNotFound(ModelNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", request);
	}

	@ExceptionHandler(ModelConflictException.class)
	ResponseEntity<Object> handleModelConflict(ModelConflictException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", request);
	}

	/** 409: the version exists but its stored state does not allow serving it. */
	@ExceptionHandler(CorruptModelException.class)
	ResponseEntity<Object> handleCorruptModel(CorruptModelException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ProblemTypes.CORRUPT_MODEL, "Corrupt model version", request);
	}

	/**
	 * 409: the new version does not meet a condition; both accuracies, the required one
	 * and the condition are properties.
	 */
	@ExceptionHandler(PromotionRefusedException.class)
	ResponseEntity<Object> handlePromotionRefused(PromotionRefusedException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(ProblemTypes.PROMOTION_REFUSED);
		problem.setTitle("Promotion refused");
		problem.setProperty("alias", ex.alias());
		problem.setProperty("version", ex.version());
		problem.setProperty("accuracy", ex.accuracy());
		problem.setProperty("currentVersion", ex.currentVersion());
		problem.setProperty("currentAccuracy", ex.currentAccuracy());
		problem.setProperty("requiredAccuracy", ex.requiredAccuracy());
		problem.setProperty("condition", (ex.condition() == PromotionRefusedException.Condition.MIN_ACCURACY)
				? "minAccuracy" : "mustBeatCurrent");
		problem.setProperty("source", ex.byPolicy() ? "policy" : "request");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	/** 409: nothing to roll back to; the alias stays where it is. */
	@ExceptionHandler(NoRollbackTargetException.class)
	ResponseEntity<Object> handleNoRollbackTarget(NoRollbackTargetException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(ProblemTypes.NO_ROLLBACK_TARGET);
		problem.setTitle("Nothing to roll back to");
		problem.setProperty("alias", ex.alias());
		problem.setProperty("currentVersion", ex.currentVersion());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	@ExceptionHandler(InvalidModelRequestException.class)
	ResponseEntity<Object> handleInvalidModelRequest(InvalidModelRequestException ex, WebRequest request) {
		return invalid(ex, ex.field(), ex.problem(), request);
	}

	@ExceptionHandler(DatasetNotFoundException.class)
	ResponseEntity<Object> handleDatasetNotFound(DatasetNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", request);
	}

	@ExceptionHandler(DatasetConflictException.class)
	ResponseEntity<Object> handleDatasetConflict(DatasetConflictException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", request);
	}

	@ExceptionHandler(InvalidDatasetException.class)
	ResponseEntity<Object> handleInvalidDataset(InvalidDatasetException ex, WebRequest request) {
		return invalid(ex, ex.field(), ex.problem(), request);
	}

	@ExceptionHandler(TestImageNotFoundException.class)
	ResponseEntity<Object> handleTestImageNotFound(TestImageNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Test image not found", request);
	}

	@ExceptionHandler(MnistUnavailableException.class)
	ResponseEntity<Object> handleMnistUnavailable(MnistUnavailableException ex, WebRequest request) {
		return problem(ex, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INTERNAL, "MNIST unavailable",
				retryAfter(ex.retryAfter()), request);
	}

	@ExceptionHandler(InvalidPredictRequestException.class)
	ResponseEntity<Object> handleInvalidPredictRequest(InvalidPredictRequestException ex, WebRequest request) {
		return invalid(ex, ex.field(), ex.problem(), request);
	}

	/**
	 * A multipart body (POST /datasets) the container cannot parse; over-size bodies are
	 * {@link MaxUploadSizeExceededException}, answered 413 above.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "the body is not readable multipart/form-data");
		problem.setType(ProblemTypes.MALFORMED_BODY);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(InvalidJobRequestException.class)
	ResponseEntity<Object> handleInvalidJobRequest(InvalidJobRequestException ex, WebRequest request) {
		return invalid(ex, ex.field(), ex.problem(), request);
	}

	@ExceptionHandler(InvalidSweepException.class)
	ResponseEntity<Object> handleInvalidSweep(InvalidSweepException ex, WebRequest request) {
		return invalid(ex, ex.field(), ex.problem(), request);
	}

	@ExceptionHandler(SweepNotFoundException.class)
	ResponseEntity<Object> handleSweepNotFound(SweepNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Sweep not found", request);
	}

	@ExceptionHandler(SweepConflictException.class)
	ResponseEntity<Object> handleSweepConflict(SweepConflictException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Sweep state conflict", request);
	}

	/**
	 * An ONNX file descent cannot import: 400, the detail naming the node or part of the
	 * file and the reason, the part also as {@code part}.
	 */
	@ExceptionHandler(UnsupportedOnnxModelException.class)
	ResponseEntity<Object> handleUnsupportedOnnx(UnsupportedOnnxModelException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(ProblemTypes.UNSUPPORTED_MODEL);
		problem.setTitle("Unsupported model file");
		problem.setProperty("part", ex.part());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * 503 with Retry-After while a store cannot be reached; the detail names the store,
	 * never its host. Nothing was changed, so the client may simply retry.
	 */
	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<Object> handleStoreUnavailable(StoreUnavailableException ex, WebRequest request) {
		logger.warn("Store {} unavailable handling {}: {}", ex.store(), request.getDescription(false), ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the " + ex.store() + " store cannot be reached now; nothing was changed, retry later");
		problem.setType(ProblemTypes.STORE_UNAVAILABLE);
		problem.setTitle("Store unavailable");
		problem.setProperty("store", ex.store());
		return handleExceptionInternal(ex, problem, retryAfter(ex.retryAfter()), HttpStatus.SERVICE_UNAVAILABLE,
				request);
	}

	/**
	 * Anything else: logged, and a 500 that says nothing about it; a store outage that a
	 * feature wrapped is still a 503.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // Spring Security answers these
		}
		StoreUnavailableException unavailable = StoreUnavailableException.in(ex);
		if (unavailable != null) {
			return handleStoreUnavailable(unavailable, request);
		}
		logger.error("Unexpected error handling {}", request.getDescription(false), ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
				"an unexpected error occurred; it has been logged");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/**
	 * Gives every problem, also those Spring builds, a type from {@link ProblemTypes}.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body == null && ex instanceof ErrorResponse response) {
			body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(Problems.typeFor(statusCode));
			}
			if (problem.getTitle() == null) {
				problem.setTitle(Problems.titleFor(statusCode));
			}
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private ResponseEntity<Object> problem(RuntimeException ex, HttpStatus status, URI type, String title,
			WebRequest request) {
		return problem(ex, status, type, title, new HttpHeaders(), request);
	}

	/** A problem whose detail is the exception's message. */
	private ResponseEntity<Object> problem(RuntimeException ex, HttpStatus status, URI type, String title,
			HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setType(type);
		problem.setTitle(title);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A 400 of type INVALID_REQUEST whose detail is the exception's message, with the
	 * field also under {@code errors[0]}.
	 * @param fieldMessage the problem as {@code errors[0].message} states it
	 */
	private ResponseEntity<Object> invalid(RuntimeException ex, String field, String fieldMessage, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", fieldMessage)));
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	private static HttpHeaders retryAfter(Duration retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return headers;
	}

	private static List<Problems.FieldProblem> fieldProblems(BindingResult result) {
		List<Problems.FieldProblem> problems = new ArrayList<>();
		result.getFieldErrors()
			.forEach((error) -> problems.add(new Problems.FieldProblem(error.getField(), error.getDefaultMessage())));
		result.getGlobalErrors()
			.forEach((error) -> problems
				.add(new Problems.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return problems.isEmpty() ? List.of(new Problems.FieldProblem("body", "is invalid")) : problems;
	}

}
