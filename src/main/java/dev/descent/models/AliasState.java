package dev.descent.models;

/**
 * An alias after a change, as {@code POST .../rollback} answers it.
 *
 * @param model the model's name
 * @param alias the alias's name
 * @param version where it points now
 * @param move the move just made, as its history records it
 */
public record AliasState(String model, String alias, Integer version, AliasMove move) {

}
