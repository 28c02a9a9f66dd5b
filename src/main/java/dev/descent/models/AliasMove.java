package dev.descent.models;

import java.time.Instant;

/**
 * One change of an alias, as {@link ModelStore#moveAlias} applies it and
 * {@link ModelStore#aliasHistory} lists it.
 *
 * @param model the model's name
 * @param alias the alias's name
 * @param from the version it pointed at before, null when it did not exist
 * @param to the version it points at after, null when it is deleted
 * @param at when
 * @param by who made the change: the API key's configured name, or {@value #OPEN} when no
 * key is set
 * @param reason why, as the client gave it; may be null
 * @param rollback whether the move was a rollback ({@code POST .../rollback}): it undoes
 * the move that brought the alias to {@code from}
 */
public record AliasMove(String model, String alias, Integer from, Integer to, Instant at, String by, String reason,
		boolean rollback) {

	/** Who made a change when the API has no keys. */
	public static final String OPEN = "open";

	/** A move that is not a rollback. */
	public AliasMove(String model, String alias, Integer from, Integer to, Instant at, String by, String reason) {
		this(model, alias, from, to, at, by, reason, false);
	}

}
