package dev.descent.models;

import dev.descent.web.InvalidRequestException;

/** A model name, alias name or version number is malformed: 400 naming the field. */
public class InvalidModelRequestException extends InvalidRequestException {

	public InvalidModelRequestException(String field, String message) {
		super(field, message);
	}

}
