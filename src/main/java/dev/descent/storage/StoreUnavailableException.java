package dev.descent.storage;

import java.time.Duration;

/**
 * A store cannot be reached or cannot answer now (its database or object store is down,
 * slow past its timeout, or refuses connections); the request may succeed later. Plain:
 * it knows no HTTP. Web maps it to 503 with {@code Retry-After}; readiness reports the
 * store DOWN meanwhile. Thrown by every backend of every feature's store, so features and
 * web handle one type.
 *
 * <p>
 * Not for a problem with one stored item (a corrupt blob, a missing file): those are
 * {@link java.io.IOException}s the feature turns into its own verdict (a CORRUPT version,
 * a job that cannot resume).
 */
public class StoreUnavailableException extends RuntimeException {

	/**
	 * How long a client is told to wait before retrying: about the time a PostgreSQL
	 * restart or an object store fail-over takes, and the connection pool's retry.
	 */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final String store;

	/**
	 * @param store which store: "models", "jobs", "datasets" or "sweeps"
	 * @param detail what could not be done, fit for clients (no host, path or password)
	 * @param cause the backend's exception
	 */
	public StoreUnavailableException(String store, String detail, Throwable cause) {
		super(detail, cause);
		this.store = store;
	}

	/**
	 * @return "models", "jobs", "datasets" or "sweeps"
	 */
	public String store() {
		return this.store;
	}

	/**
	 * @return how long a client should wait before retrying ({@link #RETRY_AFTER})
	 */
	public Duration retryAfter() {
		return RETRY_AFTER;
	}

	/**
	 * @return the first StoreUnavailableException among {@code ex} and its causes, or
	 * null: a feature may have wrapped it (in an {@link java.io.UncheckedIOException}, a
	 * failed job...)
	 */
	public static StoreUnavailableException in(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof StoreUnavailableException unavailable) {
				return unavailable;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

}
