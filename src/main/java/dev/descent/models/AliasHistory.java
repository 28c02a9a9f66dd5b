package dev.descent.models;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Where a rollback takes an alias. Replaying its history oldest first gives the stack of
 * versions it held: a move pushes its target, a rollback pops back to its target, a
 * deletion empties the stack. The alias rolls back to the version below the current one;
 * deleted and corrupt versions are skipped, so rolling back twice goes back two steps,
 * not to and fro.
 */
final class AliasHistory {

	private AliasHistory() {
	}

	/**
	 * @param moves the alias's moves, newest first (as the store lists them)
	 * @param current where the alias points now
	 * @param usable whether a version may be the target (exists and is not corrupt)
	 * @return the target, or null when there is none
	 */
	static Integer rollbackTarget(List<AliasMove> moves, int current, IntPredicate usable) {
		Deque<Integer> held = held(moves);
		while (!held.isEmpty()) {
			int candidate = held.pop();
			if (candidate != current && usable.test(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * @return the versions the alias held, the current one on top
	 */
	static Deque<Integer> held(List<AliasMove> moves) {
		Deque<Integer> held = new ArrayDeque<>();
		for (int i = moves.size() - 1; i >= 0; i--) {
			AliasMove move = moves.get(i);
			if (move.to() == null) {
				held.clear();
			}
			else if (move.rollback()) {
				popTo(held, move.to());
			}
			else if (!Objects.equals(held.peek(), move.to())) {
				held.push(move.to());
			}
		}
		return held;
	}

	private static void popTo(Deque<Integer> held, int target) {
		held.poll();
		while (!held.isEmpty() && held.peek() != target) {
			held.pop();
		}
		if (held.isEmpty()) {
			held.push(target);
		}
	}

}
