package dev.descent.data;

import java.util.Map;

/**
 * The MNIST training and test sets, read from verified files.
 *
 * @param training 60,000 training images and labels
 * @param test 10,000 test images and labels
 * @param checksums SHA-256 (lower-case hex) of each of the four raw files, by file name
 */
public record MnistData(DataSet training, DataSet test, Map<String, String> checksums) {

	public MnistData {
		checksums = Map.copyOf(checksums);
	}

}
