package dev.descent.datasets;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.descent.data.Mnist;

/**
 * What a data set is: the body of {@code GET /datasets/{name}} and, for uploaded sets,
 * the content of their {@code dataset.json}.
 *
 * @param name the data set's name
 * @param builtIn true only for "mnist"
 * @param createdAt when it was uploaded (null for the built-in set)
 * @param sourceFormat "idx" or "csv", as uploaded (stored as raw IDX either way)
 * @param trainSize training examples
 * @param testSize test examples
 * @param trainClassCounts training examples of each class 0..9
 * @param testClassCounts test examples of each class 0..9
 * @param checksums SHA-256 of each stored raw IDX file, by MNIST's file names
 */
public record DatasetDescription(String name, boolean builtIn, Instant createdAt, String sourceFormat, int trainSize,
		int testSize, List<Integer> trainClassCounts, List<Integer> testClassCounts, Map<String, String> checksums) {

	/** The built-in MNIST set, described without reading it. */
	public static final DatasetDescription MNIST = new DatasetDescription(DatasetNames.MNIST, true, null, "idx", 60000,
			10000, List.of(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949),
			List.of(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009), Mnist.EXPECTED_SHA256);

	public DatasetDescription {
		trainClassCounts = List.copyOf(trainClassCounts);
		testClassCounts = List.copyOf(testClassCounts);
		checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
	}

}
