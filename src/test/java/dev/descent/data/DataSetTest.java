package dev.descent.data;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DataSetTest {

	@Test
	void rawImageGivesBackTheBytesItWasMadeOf() {
		SplittableRandom random = new SplittableRandom(4);
		byte[] images = new byte[3 * DataSet.IMAGE_SIZE];
		for (int p = 0; p < images.length; p++) {
			images[p] = (byte) ((random.nextInt(5) == 0) ? random.nextInt(1, 256) : 0);
		}
		byte[] original = images.clone();
		DataSet set = new DataSet(images, new byte[] { 1, 2, 3 });
		byte[] dest = new byte[2 + 3 * DataSet.IMAGE_SIZE];
		Arrays.fill(dest, (byte) 7);
		for (int i = 0; i < 3; i++) {
			set.rawImage(i, dest, 1 + i * DataSet.IMAGE_SIZE);
		}
		assertThat(dest[0]).isEqualTo((byte) 7);
		assertThat(dest[dest.length - 1]).isEqualTo((byte) 7);
		assertThat(Arrays.copyOfRange(dest, 1, dest.length - 1)).isEqualTo(original);
		for (int p = 0; p < DataSet.IMAGE_SIZE; p++) {
			assertThat(set.rawPixel(2, p)).isEqualTo(original[2 * DataSet.IMAGE_SIZE + p] & 0xff);
		}
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> set.rawImage(0, new byte[DataSet.IMAGE_SIZE], 1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> set.first(2).rawImage(2, new byte[DataSet.IMAGE_SIZE], 0));
	}

	@Test
	void theLastExamplesAreACopyOfTheEndOfTheSetInOrder() {
		SplittableRandom random = new SplittableRandom(5);
		byte[] images = new byte[5 * DataSet.IMAGE_SIZE];
		for (int p = 0; p < images.length; p++) {
			images[p] = (byte) ((random.nextInt(5) == 0) ? random.nextInt(1, 256) : 0);
		}
		DataSet set = new DataSet(images.clone(), new byte[] { 0, 1, 2, 3, 4 });
		DataSet last = set.last(2);
		assertThat(last.size()).isEqualTo(2);
		byte[] dest = new byte[DataSet.IMAGE_SIZE];
		for (int i = 0; i < 2; i++) {
			last.rawImage(i, dest, 0);
			assertThat(dest)
				.isEqualTo(Arrays.copyOfRange(images, (3 + i) * DataSet.IMAGE_SIZE, (4 + i) * DataSet.IMAGE_SIZE));
			assertThat(last.label(i)).isEqualTo(3 + i);
		}
		assertThat(set.last(0).size()).isZero();
		assertThat(set.first(4).last(1).label(0)).isEqualTo(3);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> set.last(6));
	}

	/**
	 * The engine prefetches each mini-batch through the shuffled order; an example number
	 * outside the set (or outside a {@code first(n)} view of a larger one) is refused as
	 * {@code sparseImage} refuses it, and an image with no ink reads nothing.
	 */
	@Test
	void prefetchReadsOnlyExamplesOfTheSet() {
		byte[] images = new byte[3 * DataSet.IMAGE_SIZE];
		images[DataSet.IMAGE_SIZE + 5] = 9;
		DataSet set = new DataSet(images, new byte[] { 1, 2, 3 });
		assertThat(set.prefetch(new int[] { 2, 0, 1 }, 0, 3)).isPositive();
		assertThat(set.prefetch(new int[] { 0, 2 }, 0, 2)).isZero();
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> set.prefetch(new int[] { 0, 3 }, 0, 2));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> set.first(2).prefetch(new int[] { 1, 2 }, 0, 2));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> set.sparseImage(3, new int[DataSet.IMAGE_SIZE], new double[DataSet.IMAGE_SIZE]));
	}

}
