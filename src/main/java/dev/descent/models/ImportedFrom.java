package dev.descent.models;

/**
 * Where an imported version came from: a model file written elsewhere, not a descent job.
 *
 * @param format the file's format, e.g. "onnx"
 * @param sha256 lower-case hex SHA-256 of the file as it was received
 * @param size the file's size in bytes
 * @param producer the program that wrote it, as the file says (e.g. "pytorch 1.13.1"), or
 * null when it does not say
 */
public record ImportedFrom(String format, String sha256, long size, String producer) {

}
