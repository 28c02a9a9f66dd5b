package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The committed sample of real MNIST ({@code src/test/resources/mnist-sample/}): the
 * first 2,000 training and the first 500 test images and labels, as gzip IDX files. Read
 * once and shared (a {@link DataSet} is immutable).
 */
public final class MnistSample {

	private MnistSample() {
	}

	/**
	 * @return the first 2,000 MNIST training examples
	 */
	public static DataSet training() {
		return Holder.TRAINING;
	}

	/**
	 * @return the first 500 MNIST test examples
	 */
	public static DataSet test() {
		return Holder.TEST;
	}

	private static DataSet load(String name, String prefix) {
		try {
			String images = prefix + "-images-idx3-ubyte.gz";
			String labels = prefix + "-labels-idx1-ubyte.gz";
			try (InputStream imagesIn = resource(images); InputStream labelsIn = resource(labels)) {
				return IdxReader.dataSet(name, images, IdxReader.readImages(images, imagesIn), labels,
						IdxReader.readLabels(labels, labelsIn));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource(String file) throws IOException {
		InputStream in = MnistSample.class.getResourceAsStream("/mnist-sample/" + file);
		if (in == null) {
			throw new IOException("test resource mnist-sample/" + file + " is missing");
		}
		return in;
	}

	private static final class Holder {

		static final DataSet TRAINING = load("training", "train");

		static final DataSet TEST = load("test", "t10k");

	}

}
