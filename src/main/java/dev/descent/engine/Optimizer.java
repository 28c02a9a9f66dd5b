package dev.descent.engine;

import java.util.Map;

/**
 * An update rule: how one mini-batch's gradient moves the weights and biases.
 *
 * <p>
 * Lifecycle: {@link #copy()} gives a fresh optimiser with the same settings; the trainer
 * calls {@link #initialise} once with the network it will train, then {@link #step} once
 * per mini-batch. A run that resumes from a checkpoint calls {@link #restore} after
 * {@link #initialise} with the {@link #state()} the checkpoint kept, and the steps that
 * follow are exactly those the original run would have taken. An optimiser's state
 * (velocities, moments) belongs to one training run; concurrent runs each work on their
 * own copy, so no mutable state is shared.
 */
public interface Optimizer {

	/**
	 * @return the rule's name: "sgd", "momentum" or "adam"
	 */
	String name();

	/**
	 * @return η, the learning rate of the first epoch
	 */
	double learningRate();

	/**
	 * @return every setting, η included, by name, for a model's metadata
	 */
	Map<String, Double> settings();

	/**
	 * Allocates the state for a network of this shape; called once before the first step.
	 */
	void initialise(NetworkSpec spec);

	/**
	 * Applies one update. The gradient of the mini-batch's mean cost is {@code scale}
	 * times {@code gradients} (scale = 1/m); with L2 regularisation the gradient of the
	 * weights gains {@code l2} · w (l2 = λ/n, 0 when off), so plain SGD gives the book's
	 * w → (1 − ηλ/n) w − (η/m) Σ ∇C_x. Biases are never decayed.
	 * @param network modified
	 * @param gradients summed over the mini-batch, not modified
	 */
	default void step(Network network, Gradients gradients, double scale, double l2) {
		step(network, gradients, scale, l2, learningRate());
	}

	/**
	 * {@link #step(Network, Gradients, double, double)} with the learning rate η of this
	 * step in place of {@link #learningRate()}: the trainer passes η·γ^(epoch−1) when the
	 * run's learning rate decays (γ = 1 passes η itself, so the same bits).
	 * @param network modified
	 * @param gradients summed over the mini-batch, not modified
	 * @param learningRate this step's η, positive
	 */
	void step(Network network, Gradients gradients, double scale, double l2, double learningRate);

	/**
	 * @return a copy of the state accumulated since {@link #initialise}, for a checkpoint
	 */
	OptimizerState state();

	/**
	 * Replaces the state by a copy of one {@link #state()} answered, after
	 * {@link #initialise} with the same shape.
	 * @throws IllegalArgumentException when the state does not fit this rule and shape
	 */
	void restore(OptimizerState state);

	/**
	 * @return an uninitialised optimiser with exactly these settings
	 */
	Optimizer copy();

}
