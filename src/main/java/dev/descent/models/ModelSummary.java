package dev.descent.models;

import java.util.Map;

/**
 * One model in {@code GET /models}.
 *
 * @param latestVersion the highest existing version, null when every version was deleted
 * @param aliases alias name to version
 */
public record ModelSummary(String name, Integer latestVersion, Map<String, Integer> aliases) {

}
