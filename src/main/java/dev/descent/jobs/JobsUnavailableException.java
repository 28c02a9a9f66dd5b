package dev.descent.jobs;

import java.time.Duration;

import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No job can be accepted now: 429 when the queue is full, 503 while the service shuts
 * down; both tell the client when to retry.
 */
public class JobsUnavailableException extends ErrorResponseException {

	private JobsUnavailableException(HttpStatus status, String detail, Duration retryAfter) {
		super(status, problem(status, detail), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	static JobsUnavailableException queueFull(int capacity, Duration retryAfter) {
		return new JobsUnavailableException(HttpStatus.TOO_MANY_REQUESTS,
				"the job queue is full (" + capacity + " waiting jobs); retry later", retryAfter);
	}

	static JobsUnavailableException shuttingDown(Duration retryAfter) {
		return new JobsUnavailableException(HttpStatus.SERVICE_UNAVAILABLE,
				"the service is shutting down and accepts no jobs", retryAfter);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.QUEUE_FULL);
		problem.setTitle("Job queue full");
		return problem;
	}

}
