package dev.descent.engine;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class OptimizerTest {

	private final NetworkSpec spec = NetworkSpec.sigmoid(784, 3, 10);

	@Test
	void copyKeepsEverySetting() {
		for (Optimizer optimizer : List.of(new Sgd(0.3), new Momentum(0.2, 0.7), new Adam(0.01, 0.8, 0.99, 1e-6))) {
			Optimizer copy = optimizer.copy();
			assertThat(copy).isNotSameAs(optimizer).hasSameClassAs(optimizer);
			assertThat(copy.settings()).isEqualTo(optimizer.settings());
			assertThat(copy.name()).isEqualTo(optimizer.name());
		}
	}

	@Test
	void createByNameUsesSettingsAndDefaults() {
		assertThat(Optimizers.create("momentum", 0.1, Map.of()).settings()).containsEntry("momentum", 0.9);
		assertThat(Optimizers.create("adam", 0.1, Map.of("beta2", 0.95)).settings()).containsEntry("beta1", 0.9)
			.containsEntry("beta2", 0.95)
			.containsEntry("epsilon", 1e-8);
		assertThatIllegalArgumentException().isThrownBy(() -> Optimizers.create("rmsprop", 0.1, Map.of()))
			.withMessageContaining("rmsprop");
		assertThatIllegalArgumentException().isThrownBy(() -> new Sgd(Double.NaN))
			.withMessageContaining("learningRate");
		assertThatIllegalArgumentException().isThrownBy(() -> new Momentum(0.1, 1.0)).withMessageContaining("momentum");
	}

	@Test
	void sgdWithL2IsTheBooksRule() {
		Network network = Network.initialise(this.spec, Init.NORMAL, new SplittableRandom(1));
		Network before = network.copy();
		Gradients gradients = gradients(network);
		double eta = 0.5;
		double scale = 0.1;
		double l2 = 5.0 / 1000;
		new Sgd(eta).step(network, gradients, scale, l2);
		for (int l = 0; l < network.layerCount(); l++) {
			for (int k = 0; k < network.weights(l).data.length; k++) {
				double w = before.weights(l).data[k];
				double expected = (1 - eta * l2) * w - eta * scale * gradients.weights(l).data[k];
				assertThat(network.weights(l).data[k]).isCloseTo(expected, within(1e-15));
			}
			for (int j = 0; j < network.biases(l).data.length; j++) {
				double expected = before.biases(l).data[j] - eta * scale * gradients.biases(l).data[j];
				assertThat(network.biases(l).data[j]).isCloseTo(expected, within(1e-15));
			}
		}
	}

	/**
	 * L2's decay multiplies each layer's scale factor, never the weights, until the
	 * factor falls below 2⁻²⁰ and is folded back into them; the weights follow the book's
	 * rule either way.
	 */
	@Test
	void sgdDecaysTheScaleFactorAndFoldsItInWhenSmall() {
		Network network = Network.initialise(this.spec, Init.NORMAL, new SplittableRandom(1));
		double w = network.weight(1, 2, 3);
		double[] row = network.rows[1][2].clone();
		Sgd sgd = new Sgd(0.5);
		Gradients none = new Backprop(this.spec, Cost.QUADRATIC, 1).gradients;
		sgd.step(network, none, 1.0, 0.1);
		assertThat(network.scale[1]).isEqualTo(0.95);
		assertThat(network.rows[1][2]).containsExactly(row);
		assertThat(network.weight(1, 2, 3)).isCloseTo(0.95 * w, within(1e-15));
		for (int step = 0; step < 300; step++) {
			sgd.step(network, none, 1.0, 0.1);
		}
		assertThat(network.scale[1]).isGreaterThanOrEqualTo(Sgd.RENORMALISE_BELOW).isLessThanOrEqualTo(1.0);
		assertThat(network.weight(1, 2, 3)).isCloseTo(Math.pow(0.95, 301) * w, within(1e-15));
		network.renormalise();
		assertThat(network.scale).containsOnly(1.0);
		assertThat(network.weight(1, 2, 3)).isCloseTo(Math.pow(0.95, 301) * w, within(1e-15));
	}

	@Test
	void sparseSgdStepEqualsTheDenseRule() {
		Network sparse = Network.initialise(this.spec, Init.NORMAL, new SplittableRandom(1));
		Network dense = sparse.copy();
		Gradients gradients = gradients(sparse);
		new Sgd(0.5).step(sparse, gradients, 0.1, 0.0);
		Momentum plain = new Momentum(0.5, 0.0);
		plain.initialise(this.spec);
		plain.step(dense, gradients, 0.1, 0.0);
		for (int l = 0; l < sparse.layerCount(); l++) {
			assertThat(sparse.weights(l).data).containsExactly(dense.weights(l).data, within(1e-15));
		}
	}

	@Test
	void momentumAccumulatesVelocity() {
		Network network = Network.initialise(this.spec, Init.NORMAL, new SplittableRandom(1));
		double w0 = network.weights(1).data[4];
		Gradients gradients = gradients(network);
		double g = gradients.weights(1).data[4];
		Momentum momentum = new Momentum(0.1, 0.9);
		momentum.initialise(this.spec);
		momentum.step(network, gradients, 1.0, 0.0);
		momentum.step(network, gradients, 1.0, 0.0);
		// v1 = −ηg, v2 = μv1 − ηg
		double expected = w0 - 0.1 * g + (0.9 * -0.1 * g - 0.1 * g);
		assertThat(network.weights(1).data[4]).isCloseTo(expected, within(1e-14));
	}

	@Test
	void adamFirstStepMovesEachWeightByAboutTheLearningRate() {
		Network network = Network.initialise(this.spec, Init.NORMAL, new SplittableRandom(1));
		Network before = network.copy();
		Gradients gradients = gradients(network);
		Adam adam = new Adam(0.01);
		adam.initialise(this.spec);
		adam.step(network, gradients, 1.0, 0.0);
		// m̂ = g, v̂ = g², so the first step is η·sign(g) (less ε)
		for (int k = 0; k < network.weights(1).data.length; k++) {
			double g = gradients.weights(1).data[k];
			double moved = network.weights(1).data[k] - before.weights(1).data[k];
			assertThat(moved).isCloseTo(-0.01 * Math.signum(g), within(1e-6));
		}
	}

	/** Real gradients of a few random examples. */
	private Gradients gradients(Network network) {
		Backprop backprop = new Backprop(network.spec(), Cost.QUADRATIC, 2);
		var data = Samples.random(4, 5);
		backprop.run(network, data, new int[] { 0, 1, 2, 3 }, 0, data.size());
		return backprop.gradients;
	}

}
