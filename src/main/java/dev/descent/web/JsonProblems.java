package dev.descent.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns an unreadable request body into a problem that names the field: an unknown field,
 * a value of the wrong type, or JSON that does not parse (MALFORMED_BODY). Jackson's own
 * messages are not passed on where they name Java types.
 */
final class JsonProblems {

	private JsonProblems() {
	}

	static ProblemDetail of(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return Problems.invalid(List.of(new Problems.FieldProblem(path(unknown), "is not a known field")));
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return Problems.invalid(List.of(new Problems.FieldProblem(path(mismatch), expected(mismatch))));
		}
		if (cause instanceof MismatchedInputException) {
			return malformed("the body must be a JSON object");
		}
		if (cause instanceof InputCoercionException range && lastField(range) != null) {
			return Problems.invalid(List.of(new Problems.FieldProblem(lastField(range), "is out of range")));
		}
		if (cause instanceof StreamReadException syntax) {
			return syntaxError(syntax);
		}
		if (cause == ex || !(cause instanceof JacksonException)) {
			return malformed("the request body is missing or unreadable");
		}
		return malformed("the body is not valid JSON");
	}

	private static ProblemDetail syntaxError(StreamReadException ex) {
		String field = lastField(ex);
		String message = String.valueOf(ex.getOriginalMessage());
		if (field != null && message.startsWith("Non-standard token")) {
			// NaN, Infinity: not JSON, and never a valid value for any field
			return Problems.invalid(List.of(new Problems.FieldProblem(field, "must be a finite number")));
		}
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		String near = (field != null) ? " (after field '" + field + "')" : "";
		return malformed("the body is not valid JSON" + where + near + ": " + message);
	}

	/** The name of the last field the parser read, if any. */
	private static String lastField(StreamReadException ex) {
		JsonParser parser = ex.processor();
		return (parser != null && parser.streamReadContext() != null) ? parser.streamReadContext().currentName() : null;
	}

	private static ProblemDetail malformed(String detail) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, detail);
		problem.setType(ProblemTypes.MALFORMED_BODY);
		problem.setTitle("Malformed body");
		return problem;
	}

	/** A JSON path such as {@code layers[1]} or {@code optimizer.beta1}. */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String expected(MismatchedInputException ex) {
		Class<?> type = ex.getTargetType();
		if (type == null) {
			return "has the wrong type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "must be a number";
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "must be an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "must be an object";
		}
		return "has the wrong type";
	}

}
