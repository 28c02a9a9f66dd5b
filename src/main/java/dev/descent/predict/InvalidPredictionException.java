package dev.descent.predict;

import dev.descent.web.InvalidRequestException;

/** A prediction request field is missing, malformed or out of range: 400 naming it. */
class InvalidPredictionException extends InvalidRequestException {

	InvalidPredictionException(String field, String message) {
		super(field, message);
	}

}
