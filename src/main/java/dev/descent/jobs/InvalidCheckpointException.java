package dev.descent.jobs;

import java.io.IOException;

/**
 * A job's checkpoint file cannot be resumed from: it is truncated, fails its checksum, is
 * of another format version or belongs to another job or network.
 */
class InvalidCheckpointException extends IOException {

	InvalidCheckpointException(String message) {
		super(message);
	}

}
