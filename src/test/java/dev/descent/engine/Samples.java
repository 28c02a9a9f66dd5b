package dev.descent.engine;

import java.util.SplittableRandom;

import dev.descent.data.DataSet;

/** Synthetic data for engine tests. */
final class Samples {

	private Samples() {
	}

	/**
	 * @return {@code n} images whose pixels are 0 with probability 0.8, else uniform
	 * 1..255
	 */
	static DataSet random(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		byte[] images = new byte[n * DataSet.IMAGE_SIZE];
		byte[] labels = new byte[n];
		for (int p = 0; p < images.length; p++) {
			images[p] = (byte) ((random.nextDouble() < 0.8) ? 0 : random.nextInt(1, 256));
		}
		for (int i = 0; i < n; i++) {
			labels[i] = (byte) random.nextInt(10);
		}
		return new DataSet(images, labels);
	}

}
