package dev.descent.models;

/**
 * Checks a move of an alias against its conditions: the alias's stored policy first, then
 * those of the request. Accuracies are the versions' test accuracy after their last
 * epoch; a version without one (imported) fails every condition, while a current version
 * without one leaves nothing to beat.
 */
final class AliasGate {

	/** How far below a threshold rounding may put an accuracy that meets it. */
	private static final double TOLERANCE = 1e-12;

	private AliasGate() {
	}

	/**
	 * @param candidate the version the alias is to point at
	 * @param current the version it points at, null when it does not exist
	 * @throws PromotionRefusedException naming the first condition not met
	 */
	static void check(String name, String alias, ModelVersion candidate, ModelVersion current, AliasPolicy policy,
			AliasPolicy request) {
		check(name, alias, candidate, current, policy, true);
		check(name, alias, candidate, current, request, false);
	}

	private static void check(String name, String alias, ModelVersion candidate, ModelVersion current,
			AliasPolicy conditions, boolean byPolicy) {
		if (conditions == null) {
			return;
		}
		Double accuracy = candidate.accuracy();
		Integer currentVersion = (current != null) ? current.version() : null;
		Double currentAccuracy = (current != null) ? current.accuracy() : null;
		if (conditions.minAccuracy() != null && below(accuracy, conditions.minAccuracy())) {
			throw new PromotionRefusedException(name, alias, candidate.version(), accuracy, currentVersion,
					currentAccuracy, conditions.minAccuracy(), PromotionRefusedException.Condition.MIN_ACCURACY,
					byPolicy);
		}
		if (conditions.mustBeat() && currentAccuracy != null && currentVersion != candidate.version()) {
			double required = currentAccuracy + conditions.marginOrZero();
			if (below(accuracy, required)) {
				throw new PromotionRefusedException(name, alias, candidate.version(), accuracy, currentVersion,
						currentAccuracy, required, PromotionRefusedException.Condition.MUST_BEAT_CURRENT, byPolicy);
			}
		}
	}

	private static boolean below(Double accuracy, double required) {
		return accuracy == null || accuracy < required - TOLERANCE;
	}

}
