package dev.descent.web;

import java.net.URI;

/**
 * Stable {@code type} URIs of the service's problem+json errors (RFC 9457). Clients may
 * switch on them; they never change meaning.
 */
public final class ProblemTypes {

	private static final String BASE = "https://descent.dev/problems/";

	/** A request field or parameter is missing, malformed or out of range. */
	public static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");

	/** The body is not readable JSON of the expected shape. */
	public static final URI MALFORMED_BODY = URI.create(BASE + "malformed-body");

	/** A job, model, version, alias or data set does not exist. */
	public static final URI NOT_FOUND = URI.create(BASE + "not-found");

	/**
	 * The request conflicts with the current state (alias points at a version, name
	 * taken...).
	 */
	public static final URI CONFLICT = URI.create(BASE + "conflict");

	/**
	 * An alias was not moved: the new version does not meet the move's or the alias's
	 * conditions ({@code minAccuracy}, {@code mustBeatCurrent}); the problem carries both
	 * accuracies.
	 */
	public static final URI PROMOTION_REFUSED = URI.create(BASE + "promotion-refused");

	/**
	 * An alias cannot be rolled back: its history holds no earlier version that still
	 * exists and is not corrupt.
	 */
	public static final URI NO_ROLLBACK_TARGET = URI.create(BASE + "no-rollback-target");

	/** The job queue is full; retry after the Retry-After header's seconds. */
	public static final URI QUEUE_FULL = URI.create(BASE + "queue-full");

	/**
	 * The service is shutting down and accepts no new jobs; retry after the Retry-After
	 * header's seconds (another instance, or this one restarted, will take it).
	 */
	public static final URI SHUTTING_DOWN = URI.create(BASE + "shutting-down");

	/**
	 * A store (the database or the object store behind the registry, jobs or data sets)
	 * cannot be reached now; nothing was changed. Retry after the Retry-After header's
	 * seconds. Predictions of versions already loaded keep answering meanwhile.
	 */
	public static final URI STORE_UNAVAILABLE = URI.create(BASE + "store-unavailable");

	/** A stored model version failed its checksum or could not be read. */
	public static final URI CORRUPT_MODEL = URI.create(BASE + "corrupt-model");

	/**
	 * An uploaded model file (POST /models/{name}/versions) is unreadable, or not a
	 * network descent can run; the detail names the part of the file and the reason.
	 */
	public static final URI UNSUPPORTED_MODEL = URI.create(BASE + "unsupported-model");

	/** The body is larger than the configured maximum. */
	public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

	/** The call needs an API key and none, or a wrong one, was sent. */
	public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	/** The API key is valid but may not do this (a read-only key on a write). */
	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	/** Anything else: the detail never carries internals. */
	public static final URI INTERNAL = URI.create(BASE + "internal");

	private ProblemTypes() {
	}

}
