package dev.descent.models;

/**
 * One published version as a {@link ModelStore} holds it; its weights are read apart.
 *
 * @param version its number
 * @param metadata its metadata, null when the stored metadata cannot be read (the
 * repository reports the version CORRUPT)
 */
public record StoredVersion(int version, ModelMetadata metadata) {

}
