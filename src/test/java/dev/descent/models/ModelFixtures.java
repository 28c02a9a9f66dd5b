package dev.descent.models;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.descent.engine.EpochResult;
import dev.descent.engine.Init;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import tools.jackson.databind.json.JsonMapper;

/** Small networks, provenance and inputs for the repository's tests. */
public final class ModelFixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ModelsProperties PROPERTIES = new ModelsProperties(Duration.ZERO);

	private ModelFixtures() {
	}

	/** A [784, 3, 10] sigmoid network drawn from {@code seed}. */
	public static Network network(long seed) {
		return Network.initialise(NetworkSpec.sigmoid(784, 3, 10), Init.NORMAL, new SplittableRandom(seed));
	}

	public static TrainingProvenance provenance() {
		return new TrainingProvenance("j-20261123-153012-ab12", "quadratic", "normal", "momentum",
				Map.of("learningRate", 0.5, "momentum", 0.9), 10, 2, 0.0, 42L, 1000, 0,
				List.of(new EpochResult(1, 0.25, 80, 100, 0.5), new EpochResult(2, 0.2, 90, 100, 0.4)), "mnist",
				Map.of("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd"));
	}

	/**
	 * @return the provenance of a version whose test accuracy (its last epoch's) is
	 * {@code correct} of 1000
	 */
	public static TrainingProvenance provenance(int correct) {
		return new TrainingProvenance("j-20261123-153012-ab12", "quadratic", "normal", "sgd",
				Map.of("learningRate", 3.0), 10, 1, 0.0, 42L, 1000, 0,
				List.of(new EpochResult(1, 0.2, correct, 1000, 0.4)), "mnist", Map.of());
	}

	/** Deterministic images with every pixel in [0,1]. */
	public static double[][] inputs(int count) {
		double[][] inputs = new double[count][784];
		for (int k = 0; k < count; k++) {
			for (int j = 0; j < 784; j++) {
				inputs[k][j] = ((j * (k + 3)) % 256) / 255.0;
			}
		}
		return inputs;
	}

}
