package dev.descent.models;

/**
 * Names one immutable model version.
 *
 * @param name the model's name
 * @param version 1, 2, 3... per model, never reused
 */
public record ModelRef(String name, int version) {
}
