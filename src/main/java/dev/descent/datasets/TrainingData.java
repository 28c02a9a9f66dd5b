package dev.descent.datasets;

import java.util.Map;

import dev.descent.data.DataSet;

/**
 * A data set loaded for training.
 *
 * @param name the data set's name
 * @param training the training examples
 * @param test the test examples
 * @param checksums SHA-256 of each of its four raw IDX files, by file name
 */
public record TrainingData(String name, DataSet training, DataSet test, Map<String, String> checksums) {

	public TrainingData {
		checksums = Map.copyOf(checksums);
	}

}
