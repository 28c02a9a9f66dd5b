package dev.descent.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, for requests Tomcat refuses itself before the application sees
 * them (a NUL, an encoded '/' or '\' in the path, a bad %-escape, a path above the root):
 * problem+json like every other error, instead of an HTML page. Never carries the
 * exception, the server's name or the request. Type and title are those of every other
 * problem of the same status ({@link Problems}). Under {@code /v2} the body is the Open
 * Inference Protocol's {@code {"error": detail}} instead.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			boolean openInference = OpenInferencePaths.matches(request.getRequestURI());
			response.setContentType(
					openInference ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(openInference ? errorBody(status) : body(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was taken over: nothing more to say
		}
	}

	/** The Open Inference Protocol's {@code {"error": detail}}, with the same detail. */
	static String errorBody(int status) {
		return "{\"error\":\"" + detail(status) + "\"}";
	}

	private static String detail(int status) {
		return (status >= 500) ? "The service could not answer this request."
				: "The request was refused before it reached the API: its URL or headers are malformed "
						+ "(for example a NUL, an encoded '/' or '\\\\', or a path above the root).";
	}

	static String body(int status) {
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		String title = Problems.titleFor(code);
		String type = Problems.typeFor(code).toString();
		return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail(status) + "\"}";
	}

}
