package dev.descent.jobs;

/**
 * A job could not finish; the message is recorded as the job's {@code error}, so it must
 * be fit for clients (no paths, no class names).
 */
class JobFailedException extends RuntimeException {

	JobFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
