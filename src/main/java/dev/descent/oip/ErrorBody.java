package dev.descent.oip;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The protocol's error body, {@code {"error": "..."}}.
 *
 * @param error what went wrong, naming the input, output or field
 */
record ErrorBody(String error) {

	/**
	 * The answer, typed {@code application/json} explicitly so that it is written
	 * whatever the request's {@code Accept} said.
	 */
	static ResponseEntity<ErrorBody> response(HttpStatus status, String error) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ErrorBody(error));
	}

}
