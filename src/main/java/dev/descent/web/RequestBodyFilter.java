package dev.descent.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards request bodies before anything reads them. A {@code Content-Type} that is a
 * wildcard or does not parse answers 415 (Spring MVC would fail on it with a 500).
 * Refuses bodies larger than {@code descent.limits.max-body-size} with 413: at once when
 * {@code Content-Length} says so, and for bodies of unknown length (chunked) by counting
 * the bytes as they are read and failing the read past the limit (answered by
 * {@link BodyTooLargeResolver}). Multipart uploads ({@code POST /datasets}, that path and
 * method only) are left to their own limits ({@code descent.datasets.max-upload-size});
 * multipart anywhere else is 415, before anything spools it to temporary files. Tomcat
 * already stops a read at {@code Content-Length}, so only unknown lengths are counted.
 */
final class RequestBodyFilter extends OncePerRequestFilter {

	static final String DETAIL = "The request body is larger than the %d bytes allowed (descent.limits.max-body-size).";

	private static final String UPLOADS = "/datasets";

	private final long maxBytes;

	private final ProblemWriter problems;

	RequestBodyFilter(long maxBytes, ProblemWriter problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isUsableContentType(request.getContentType())) {
			this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.INVALID_REQUEST,
					"The Content-Type is not a media type the API reads; send application/json.");
		}
		else if (isMultipart(request)) {
			multipart(request, response, chain);
		}
		else if (request.getContentLengthLong() > this.maxBytes) {
			this.problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
					DETAIL.formatted(this.maxBytes));
		}
		else if (request.getContentLengthLong() < 0) {
			chain.doFilter(new CountedRequest(request, this.maxBytes), response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void multipart(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isUpload(request)) {
			this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.INVALID_REQUEST,
					"Only data set uploads (POST /datasets) take multipart bodies; send application/json.");
		}
		else if (MediaType.parseMediaType(request.getContentType()).getParameter("boundary") == null) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY,
					"The multipart Content-Type has no boundary parameter.");
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * The one request that takes a multipart body: {@code POST /datasets}, exactly as
	 * {@code DatasetsController} maps it (no trailing slash, no sub-path). The path is
	 * the container's decoded one within the application, so a context path does not
	 * matter.
	 */
	private static boolean isUpload(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = request.getServletPath() + ((pathInfo != null) ? pathInfo : "");
		return "POST".equals(request.getMethod()) && UPLOADS.equals(path);
	}

	private static boolean isUsableContentType(String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * A multipart body: only data set uploads take one, with their own, larger limit.
	 * Elsewhere it is refused before Spring MVC would parse it into temporary files.
	 */
	private static boolean isMultipart(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10);
	}

	private static final class CountedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		CountedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingInputStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

}
