package dev.descent.engine;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.descent.data.DataSet;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpropagation against central finite differences, in double precision, for every cost
 * × output activation, and with ReLU hidden layers and two hidden layers.
 */
class GradientCheckTest {

	private static final double H = 1e-5;

	static Stream<Arguments> networks() {
		return Stream.of(Arguments.of(Cost.QUADRATIC, Activation.SIGMOID, Activation.SIGMOID, new int[] { 784, 5, 10 }),
				Arguments.of(Cost.QUADRATIC, Activation.SIGMOID, Activation.SOFTMAX, new int[] { 784, 5, 10 }),
				Arguments.of(Cost.CROSS_ENTROPY, Activation.SIGMOID, Activation.SIGMOID, new int[] { 784, 5, 10 }),
				Arguments.of(Cost.CROSS_ENTROPY, Activation.SIGMOID, Activation.SOFTMAX, new int[] { 784, 5, 10 }),
				Arguments.of(Cost.CROSS_ENTROPY, Activation.RELU, Activation.SOFTMAX, new int[] { 784, 6, 4, 10 }),
				Arguments.of(Cost.QUADRATIC, Activation.RELU, Activation.SIGMOID, new int[] { 784, 6, 4, 10 }));
	}

	@ParameterizedTest(name = "{0} {1}/{2} {3}")
	@MethodSource("networks")
	void backpropagationMatchesFiniteDifferences(Cost cost, Activation hidden, Activation output, int[] layers) {
		NetworkSpec spec = new NetworkSpec(layers, hidden, output);
		Network network = Network.initialise(spec, Init.SCALED, new SplittableRandom(7));
		DataSet data = Samples.random(3, 11);
		// two examples per chunk, so the third is folded in after the first two
		Backprop backprop = new Backprop(spec, cost, 2);
		backprop.run(network, data, new int[] { 0, 1, 2 }, 0, data.size());
		int checked = 0;
		for (int l = 0; l < network.layerCount(); l++) {
			checked += check(network, data, cost, network.rows[l], backprop.gradients.weights(l), l == 0);
			checked += check(network, data, cost, new double[][] { network.biases[l] }, backprop.gradients.biases(l),
					false);
		}
		assertThat(checked).isGreaterThan(100);
	}

	/**
	 * Checks every parameter of {@code parameters} (rows), or every 7th of the first
	 * layer's.
	 */
	private int check(Network network, DataSet data, Cost cost, double[][] parameters, DMatrixRMaj analytic,
			boolean sample) {
		int checked = 0;
		int n = parameters[0].length;
		for (int k = 0; k < parameters.length * n; k += sample ? 7 : 1) {
			double[] row = parameters[k / n];
			int j = k % n;
			double saved = row[j];
			row[j] = saved + H;
			double plus = totalCost(network, data, cost);
			row[j] = saved - H;
			double minus = totalCost(network, data, cost);
			row[j] = saved;
			double numeric = (plus - minus) / (2 * H);
			double a = analytic.data[k];
			double scale = Math.abs(a) + Math.abs(numeric);
			if (scale < 1e-9) {
				// both are zero to the finite difference's resolution (e.g. a weight from
				// a zero pixel)
				assertThat(Math.abs(a - numeric)).isLessThan(1e-9);
			}
			else {
				assertThat(Math.abs(a - numeric) / scale).as("parameter %d: analytic %s numeric %s", k, a, numeric)
					.isLessThan(1e-6);
			}
			checked++;
		}
		return checked;
	}

	private static double totalCost(Network network, DataSet data, Cost cost) {
		Forward forward = new Forward(network.spec());
		int last = network.spec().depth() - 1;
		double sum = 0;
		for (int i = 0; i < data.size(); i++) {
			forward.sparseInput(data, i);
			forward.run(network);
			sum += cost.cost(network.spec().output(), forward.z[last], forward.a[last], 10, data.label(i));
		}
		return sum;
	}

}
