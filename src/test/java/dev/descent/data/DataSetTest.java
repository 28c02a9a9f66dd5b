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

}
