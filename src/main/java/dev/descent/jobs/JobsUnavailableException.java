package dev.descent.jobs;

import java.net.URI;
import java.time.Duration;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * No job can be accepted now: 429 when the queue is full, 503 while the service shuts
 * down; both tell the client when to retry.
 */
public class JobsUnavailableException extends ApiProblemException {

	private JobsUnavailableException(HttpStatus status, URI type, String title, String detail, Duration retryAfter) {
		super(status, type, title, detail);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	static JobsUnavailableException queueFull(int capacity, Duration retryAfter) {
		return new JobsUnavailableException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.QUEUE_FULL, "Job queue full",
				"the job queue is full (" + capacity + " waiting jobs); retry later", retryAfter);
	}

	static JobsUnavailableException shuttingDown(Duration retryAfter) {
		return new JobsUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SHUTTING_DOWN,
				"Service shutting down", "the service is shutting down and accepts no jobs", retryAfter);
	}

}
