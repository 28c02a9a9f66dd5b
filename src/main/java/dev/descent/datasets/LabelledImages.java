package dev.descent.datasets;

import dev.descent.data.DataSet;

/**
 * Examples as read from an upload, before they are stored: raw pixel bytes and labels.
 *
 * @param pixels {@code size * 784} unsigned bytes, row-major (not copied)
 * @param labels {@code size} labels, each 0..9 (not copied)
 */
record LabelledImages(byte[] pixels, byte[] labels) {

	LabelledImages {
		if ((long) labels.length * DataSet.IMAGE_SIZE != pixels.length) {
			throw new IllegalArgumentException(labels.length + " labels for " + pixels.length + " pixel bytes");
		}
	}

	int size() {
		return this.labels.length;
	}

	/**
	 * @return how many examples of each class 0..9 there are
	 */
	int[] classCounts() {
		int[] counts = new int[DataSet.CLASSES];
		for (byte label : this.labels) {
			counts[label]++;
		}
		return counts;
	}

}
