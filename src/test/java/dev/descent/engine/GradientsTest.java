package dev.descent.engine;

import java.util.SplittableRandom;

import dev.descent.data.DataSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GradientsTest {

	/**
	 * The materialised first-layer gradient has exactly the bits of one
	 * {@code Kernels.axpy} per example and non-zero pixel, in example order, the sum that
	 * training results were first computed with, including when the held examples
	 * overflow and are folded in early.
	 */
	@Test
	void materialisedFirstLayerIsTheSumOfOneAxpyPerPixelBitForBit() {
		NetworkSpec spec = NetworkSpec.sigmoid(784, 13, 10);
		DataSet data = Samples.random(11, 5);
		Gradients gradients = new Gradients(spec, 4);
		Forward forward = new Forward(spec);
		SplittableRandom random = new SplittableRandom(8);
		double[] expected = new double[784 * 13];
		int[] index = new int[784];
		double[] value = new double[784];
		for (int i = 0; i < data.size(); i++) {
			double[] delta = new double[13];
			for (int j = 0; j < delta.length; j++) {
				delta[j] = random.nextGaussian();
			}
			gradients.prepareNext(forward);
			forward.sparseInput(data, i);
			gradients.addFirstLayer(forward.nnz, delta);
			int nnz = data.sparseImage(i, index, value);
			for (int k = 0; k < nnz; k++) {
				Kernels.axpy(13, value[k], delta, 0, expected, index[k] * 13);
			}
		}

		assertThat(gradients.weights(0).data).containsExactly(expected);
	}

}
