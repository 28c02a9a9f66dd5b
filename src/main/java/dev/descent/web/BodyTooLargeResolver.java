package dev.descent.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers 413 when a {@link BodyTooLargeException} is anywhere in the cause chain: the
 * converters wrap it as an unreadable body, which would otherwise be a 400. Runs before
 * the {@code @ExceptionHandler}s.
 */
final class BodyTooLargeResolver implements HandlerExceptionResolver {

	private final ProblemWriter problems;

	BodyTooLargeResolver(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return answer(request, response, tooLarge);
			}
		}
		return null;
	}

	private ModelAndView answer(HttpServletRequest request, HttpServletResponse response, BodyTooLargeException ex) {
		try {
			this.problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
					RequestBodyFilter.DETAIL.formatted(ex.maxBytes()));
			return new ModelAndView();
		}
		catch (IOException writeFailed) {
			return null;
		}
	}

}
