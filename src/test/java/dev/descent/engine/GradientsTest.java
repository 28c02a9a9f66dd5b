package dev.descent.engine;

import java.util.SplittableRandom;

import dev.descent.data.DataSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GradientsTest {

	private static final NetworkSpec SPEC = NetworkSpec.sigmoid(784, 13, 10);

	private final DataSet data = Samples.random(40, 5);

	/**
	 * The materialised first-layer gradient has exactly the bits of one
	 * {@code Kernels.axpy} per example and non-zero pixel, in example order, including
	 * when the held examples overflow and are folded in early, and on two workers.
	 */
	@Test
	void materialisedFirstLayerIsTheSumOfOneAxpyPerPixelBitForBit() {
		for (int threads : new int[] { 1, 2, 3 }) {
			try (Workers workers = Workers.start(threads)) {
				Gradients gradients = new Gradients(SPEC, 4, workers);
				double[][] expected = new double[784][13];
				gradients.clear();
				SplittableRandom random = new SplittableRandom(8);
				for (int i = 0; i < 11; i++) {
					if (gradients.examples == gradients.capacity()) {
						gradients.materialise();
					}
					hold(gradients, i, random);
					int e = gradients.examples - 1;
					for (int k = 0; k < gradients.exampleNnz[e]; k++) {
						Kernels.axpy(13, gradients.exampleValue[e][k], gradients.exampleDelta[e],
								expected[gradients.exampleIndex[e][k]]);
					}
				}
				assertThat(gradients.weights(0).data).as("%d threads", threads).containsExactly(flat(expected));
			}
		}
	}

	/**
	 * Plain SGD's update visits the held examples example by example on one thread with a
	 * small batch or a narrow layer (this one's 13 columns), and pixel by pixel on more
	 * threads; both give each weight the same fused multiply-adds in the same order, so
	 * the same bits.
	 */
	@Test
	void sgdUpdateIsTheSameBitsByExampleAndByPixelOnAnyNumberOfThreads() {
		for (int batch : new int[] { 3, Gradients.PixelLists.BY_PIXEL_FROM - 1, 40 }) {
			double[][] single = update(batch, 1);
			for (int threads : new int[] { 2, 3 }) {
				assertThat(flat(update(batch, threads))).as("m=%d, %d threads", batch, threads)
					.containsExactly(flat(single));
			}
			double[][] expected = Network.initialise(SPEC, Init.NORMAL, new SplittableRandom(4)).rows[0];
			Gradients gradients = filled(batch, Workers.single());
			for (int e = 0; e < batch; e++) {
				for (int k = 0; k < gradients.exampleNnz[e]; k++) {
					Kernels.axpy(13, -0.3 * gradients.exampleValue[e][k], gradients.exampleDelta[e],
							expected[gradients.exampleIndex[e][k]]);
				}
			}
			assertThat(flat(single)).as("m=%d", batch).containsExactly(flat(expected));
		}
	}

	private double[][] update(int batch, int threads) {
		try (Workers workers = Workers.start(threads)) {
			double[][] rows = Network.initialise(SPEC, Init.NORMAL, new SplittableRandom(4)).rows[0];
			filled(batch, workers).addFirstLayerTo(rows, -0.3);
			return rows;
		}
	}

	private Gradients filled(int batch, Workers workers) {
		Gradients gradients = new Gradients(SPEC, batch, workers);
		gradients.clear();
		SplittableRandom random = new SplittableRandom(8);
		for (int i = 0; i < batch; i++) {
			hold(gradients, i, random);
		}
		return gradients;
	}

	private void hold(Gradients gradients, int i, SplittableRandom random) {
		int e = gradients.examples++;
		gradients.exampleNnz[e] = this.data.sparseImage(i, gradients.exampleIndex[e], gradients.exampleValue[e]);
		for (int j = 0; j < 13; j++) {
			gradients.exampleDelta[e][j] = random.nextGaussian();
		}
	}

	private static double[] flat(double[][] rows) {
		double[] flat = new double[rows.length * rows[0].length];
		for (int i = 0; i < rows.length; i++) {
			System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
		}
		return flat;
	}

}
