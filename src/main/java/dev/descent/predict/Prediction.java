package dev.descent.predict;

import dev.descent.models.ModelRef;

/**
 * What a model answered.
 *
 * @param model the version that answered
 * @param outputs the network's 10 output activations, one array per input
 */
public record Prediction(ModelRef model, double[][] outputs) {

}
