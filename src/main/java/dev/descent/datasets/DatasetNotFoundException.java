package dev.descent.datasets;

import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** No data set has this name: 404. */
public class DatasetNotFoundException extends ApiProblemException {

	public DatasetNotFoundException(String name) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
				"data set '" + DatasetNames.printable(name) + "' does not exist");
	}

}
