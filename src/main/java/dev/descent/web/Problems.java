package dev.descent.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the service's problem+json bodies. */
final class Problems {

	private Problems() {
	}

	/**
	 * @return the stable type of a problem with this status that has no more specific one
	 */
	static URI typeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> ProblemTypes.NOT_FOUND;
			case 409 -> ProblemTypes.CONFLICT;
			case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
			case 429 -> ProblemTypes.QUEUE_FULL;
			default -> status.is4xxClientError() ? ProblemTypes.INVALID_REQUEST : ProblemTypes.INTERNAL;
		};
	}

	/**
	 * @return a problem with the status's default type and title
	 */
	static ProblemDetail of(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeFor(status));
		problem.setTitle(titleFor(status));
		return problem;
	}

	static String titleFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Error " + status.value();
	}

	/**
	 * A 400 listing field errors: the detail names the first field.
	 * @param errors each a field (a JSON path such as {@code layers[0]}, or a parameter
	 * name) and its problem, in order
	 */
	static ProblemDetail invalid(List<FieldProblem> errors) {
		FieldProblem first = errors.get(0);
		String more = (errors.size() > 1) ? " (and " + (errors.size() - 1) + " more)" : "";
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, first.field() + ": " + first.message() + more);
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				errors.stream().map((e) -> Map.of("field", e.field(), "message", e.message())).toList());
		return problem;
	}

	/**
	 * One field's problem.
	 *
	 * @param field the field or parameter
	 * @param message what is wrong with it
	 */
	record FieldProblem(String field, String message) {
	}

}
