package dev.descent.storage;

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

	private final String store;

	/**
	 * @param store which store: "models", "jobs" or "datasets"
	 * @param detail what could not be done, fit for clients (no host, path or password)
	 * @param cause the backend's exception
	 */
	public StoreUnavailableException(String store, String detail, Throwable cause) {
		super(detail, cause);
		this.store = store;
	}

	/**
	 * @return "models", "jobs" or "datasets"
	 */
	public String store() {
		return this.store;
	}

}
