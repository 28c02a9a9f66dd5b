package dev.descent.models;

import java.time.Instant;

/**
 * One change of an alias, as {@link ModelStore#moveAlias} applies it (and as alias
 * history will list it).
 *
 * @param model the model's name
 * @param alias the alias's name
 * @param from the version it pointed at before, null when it did not exist
 * @param to the version it points at after, null when it is deleted
 * @param at when
 * @param by who made the change: the API key's configured name, or "open" when no key is
 * set
 * @param reason why, as the client gave it; may be null
 */
public record AliasMove(String model, String alias, Integer from, Integer to, Instant at, String by, String reason) {

}
