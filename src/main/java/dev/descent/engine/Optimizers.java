package dev.descent.engine;

import java.util.Map;

/** Builds optimisers by name and checks their settings. */
public final class Optimizers {

	private Optimizers() {
	}

	/**
	 * @param name "sgd", "momentum" or "adam"
	 * @param settings optional settings by name: momentum (0.9), beta1 (0.9), beta2
	 * (0.999), epsilon (1e-8)
	 * @throws IllegalArgumentException for an unknown name or a setting out of range
	 */
	public static Optimizer create(String name, double learningRate, Map<String, Double> settings) {
		return switch (name) {
			case "sgd" -> new Sgd(learningRate);
			case "momentum" -> new Momentum(learningRate, settings.getOrDefault("momentum", 0.9));
			case "adam" -> new Adam(learningRate, settings.getOrDefault("beta1", 0.9),
					settings.getOrDefault("beta2", 0.999), settings.getOrDefault("epsilon", 1e-8));
			default -> throw new IllegalArgumentException(
					"unknown optimizer '" + name + "', expected one of [sgd, momentum, adam]");
		};
	}

	static double requirePositive(String name, double value) {
		if (!(value > 0.0) || !Double.isFinite(value)) {
			throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
		}
		return value;
	}

	static double requireUnitInterval(String name, double value) {
		if (!(value >= 0.0 && value < 1.0)) {
			throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
		}
		return value;
	}

}
