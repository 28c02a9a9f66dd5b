package dev.descent.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled 28x28 grey images held compactly: only the non-zero pixels (about 19% of
 * MNIST's), each as its position (a short) and unsigned byte value, and one byte per
 * label. Pixels are scaled to [0,1] only as an example is read (see {@link #sparseImage}
 * and {@link #image}), so MNIST's 60,000 training images take about 27 MB rather than 47
 * MB of bytes or 376 MB of doubles. Immutable and safe to share between threads.
 */
public final class DataSet {

	/** Rows and columns of every image. */
	public static final int ROWS = 28;

	public static final int COLUMNS = 28;

	/** Pixels per image, the network's input size. */
	public static final int IMAGE_SIZE = ROWS * COLUMNS;

	/** Number of classes; labels are 0..9. */
	public static final int CLASSES = 10;

	private static final double[] SCALE = new double[256];

	static {
		for (int v = 0; v < 256; v++) {
			SCALE[v] = v / 255.0;
		}
	}

	/** Example i's non-zero pixels are entries start[i] (inclusive) to start[i + 1]. */
	private final int[] start;

	private final short[] position;

	private final byte[] value;

	private final byte[] labels;

	private final int size;

	/**
	 * @param images {@code n * 784} unsigned pixel bytes, row-major, read once here (its
	 * non-zero pixels are copied) and not kept
	 * @param labels {@code n} labels in 0..9, not copied
	 * @throws IllegalArgumentException when the lengths disagree or a label is out of
	 * range
	 */
	public DataSet(byte[] images, byte[] labels) {
		Objects.requireNonNull(images, "images");
		Objects.requireNonNull(labels, "labels");
		if ((long) labels.length * IMAGE_SIZE != images.length) {
			throw new IllegalArgumentException("labels has " + labels.length + " entries, images "
					+ (images.length / IMAGE_SIZE) + (images.length % IMAGE_SIZE == 0 ? "" : " (and a partial image)"));
		}
		for (int i = 0; i < labels.length; i++) {
			if ((labels[i] & 0xff) >= CLASSES) {
				throw new IllegalArgumentException("label " + i + " is " + (labels[i] & 0xff) + ", expected 0-9");
			}
		}
		int nonZero = 0;
		for (byte b : images) {
			nonZero += (b != 0) ? 1 : 0;
		}
		this.start = new int[labels.length + 1];
		this.position = new short[nonZero];
		this.value = new byte[nonZero];
		int k = 0;
		for (int i = 0; i < labels.length; i++) {
			this.start[i] = k;
			for (int p = 0; p < IMAGE_SIZE; p++) {
				byte b = images[i * IMAGE_SIZE + p];
				if (b != 0) {
					this.position[k] = (short) p;
					this.value[k++] = b;
				}
			}
		}
		this.start[labels.length] = k;
		this.labels = labels;
		this.size = labels.length;
	}

	private DataSet(int[] start, short[] position, byte[] value, byte[] labels, int size) {
		this.start = start;
		this.position = position;
		this.value = value;
		this.labels = labels;
		this.size = size;
	}

	private DataSet(DataSet source, int size) {
		this.start = source.start;
		this.position = source.position;
		this.value = source.value;
		this.labels = source.labels;
		this.size = size;
	}

	/**
	 * @return the number of examples
	 */
	public int size() {
		return this.size;
	}

	/**
	 * @return the label (0..9) of example {@code i}
	 */
	public int label(int i) {
		Objects.checkIndex(i, this.size);
		return this.labels[i];
	}

	/**
	 * @return the raw pixel byte (0..255) of example {@code i} at {@code pixel}, found by
	 * a scan of the example's non-zero pixels; for a whole image use {@link #rawImage}
	 */
	public int rawPixel(int i, int pixel) {
		Objects.checkIndex(i, this.size);
		Objects.checkIndex(pixel, IMAGE_SIZE);
		for (int k = this.start[i]; k < this.start[i + 1]; k++) {
			if (this.position[k] == pixel) {
				return this.value[k] & 0xff;
			}
		}
		return 0;
	}

	/**
	 * Writes example {@code i}'s raw pixel bytes (0..255, unsigned), row-major.
	 * @param dest output, modified at {@code offset} to {@code offset + 783}
	 */
	public void rawImage(int i, byte[] dest, int offset) {
		Objects.checkIndex(i, this.size);
		Objects.checkFromIndexSize(offset, IMAGE_SIZE, dest.length);
		java.util.Arrays.fill(dest, offset, offset + IMAGE_SIZE, (byte) 0);
		for (int k = this.start[i]; k < this.start[i + 1]; k++) {
			dest[offset + this.position[k]] = this.value[k];
		}
	}

	/**
	 * Reads one entry of every cache line that examples {@code order[from..to)} occupy,
	 * so that the memory system fetches them all at once rather than one example's lines
	 * at a time as {@link #sparseImage} reaches them: a shuffled epoch jumps about 27 MB,
	 * and each jump would otherwise wait for main memory.
	 * @param order example numbers, not modified
	 * @return a sum of what was read, meaningless except that keeping it keeps the
	 * compiler from dropping the reads
	 */
	public int prefetch(int[] order, int from, int to) {
		int sum = 0;
		for (int b = from; b < to; b++) {
			int i = order[b];
			Objects.checkIndex(i, this.size);
			int begin = this.start[i];
			int end = this.start[i + 1];
			if (begin == end) {
				continue;
			}
			// 32 positions (2 bytes each) or 64 values to a 64-byte line, then the last
			// entry, whose line the strides can miss
			for (int k = begin; k < end; k += 32) {
				sum += this.position[k];
			}
			for (int k = begin; k < end; k += 64) {
				sum += this.value[k];
			}
			sum += this.position[end - 1] + this.value[end - 1];
		}
		return sum;
	}

	/**
	 * Writes example {@code i}'s non-zero pixels, scaled to [0,1], as (index, value)
	 * pairs. About 81% of MNIST pixels are exactly 0, so the engine's first layer only
	 * visits these.
	 * @param indices output, at least 784 long, modified
	 * @param values output, at least 784 long, modified
	 * @return the number of non-zero pixels written
	 */
	public int sparseImage(int i, int[] indices, double[] values) {
		Objects.checkIndex(i, this.size);
		int from = this.start[i];
		int nnz = this.start[i + 1] - from;
		for (int k = 0; k < nnz; k++) {
			indices[k] = this.position[from + k];
			values[k] = SCALE[this.value[from + k] & 0xff];
		}
		return nnz;
	}

	/**
	 * Writes example {@code i}'s pixels scaled to [0,1].
	 * @param dest output, at least 784 long, modified
	 */
	public void image(int i, double[] dest) {
		Objects.checkIndex(i, this.size);
		java.util.Arrays.fill(dest, 0, IMAGE_SIZE, 0.0);
		for (int k = this.start[i]; k < this.start[i + 1]; k++) {
			dest[this.position[k]] = SCALE[this.value[k] & 0xff];
		}
	}

	/**
	 * @return example {@code i}'s pixels scaled to [0,1], newly allocated
	 */
	public double[] image(int i) {
		double[] dest = new double[IMAGE_SIZE];
		image(i, dest);
		return dest;
	}

	/**
	 * @return a view of the first {@code n} examples (or all, when there are fewer),
	 * sharing this set's storage
	 */
	public DataSet first(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative: " + n);
		}
		return (n >= this.size) ? this : new DataSet(this, n);
	}

	/**
	 * The held-out end of a set, as the book keeps MNIST's last 10,000 training images
	 * for validation.
	 * @param n how many examples, at most {@link #size()}
	 * @return a copy of the last {@code n} examples, in order
	 */
	public DataSet last(int n) {
		if (n < 0 || n > this.size) {
			throw new IllegalArgumentException("n must be between 0 and " + this.size + ": " + n);
		}
		int from = this.size - n;
		int base = this.start[from];
		int[] starts = new int[n + 1];
		for (int i = 0; i <= n; i++) {
			starts[i] = this.start[from + i] - base;
		}
		int end = this.start[this.size];
		return new DataSet(starts, Arrays.copyOfRange(this.position, base, end),
				Arrays.copyOfRange(this.value, base, end), Arrays.copyOfRange(this.labels, from, this.size), n);
	}

	/**
	 * @return how many examples of each class 0..9 this set holds
	 */
	public int[] classCounts() {
		int[] counts = new int[CLASSES];
		for (int i = 0; i < this.size; i++) {
			counts[this.labels[i]]++;
		}
		return counts;
	}

}
