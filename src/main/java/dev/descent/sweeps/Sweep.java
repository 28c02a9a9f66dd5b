package dev.descent.sweeps;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.descent.models.ModelRef;

/**
 * One sweep as clients and the sweep store see it; immutable, each change makes a new
 * snapshot.
 *
 * @param id opaque, matches {@code [A-Za-z0-9-]+}
 * @param state where the sweep is
 * @param request the effective request: every default filled in, the seed included
 * @param trials every trial, in the order they run; their parameters are drawn when the
 * sweep is created
 * @param best the trial with the highest validation accuracy among those that succeeded,
 * once the sweep has ended; {@code null} before, or when none succeeded
 * @param promotion what became of {@code promote}, {@code null} without it or before the
 * end
 * @param error why the sweep failed or ended early, else {@code null}
 * @param createdAt when it was accepted
 * @param finishedAt when it reached a final state, {@code null} before
 * @param createdBy the name of the API key that started it ("open" without keys); its
 * promotion is recorded in the alias history as made by it. Null in sweeps recorded
 * before keys had names
 */
public record Sweep(String id, SweepState state, SweepRequest request, List<Trial> trials, Best best,
		PromotionResult promotion, String error, Instant createdAt, Instant finishedAt, String createdBy) {

	public Sweep {
		trials = List.copyOf(trials);
	}

	Sweep withTrials(List<Trial> next) {
		return new Sweep(this.id, this.state, this.request, next, this.best, this.promotion, this.error, this.createdAt,
				this.finishedAt, this.createdBy);
	}

	Sweep ended(SweepState end, Best winner, PromotionResult promoted, String reason, Instant now) {
		return new Sweep(this.id, end, this.request, this.trials, winner, promoted, reason, this.createdAt, now,
				this.createdBy);
	}

	/**
	 * One trial: an ordinary job with some fields of the base request changed.
	 *
	 * @param trial 1, 2, 3... in the order trials start
	 * @param parameters the swept fields' values
	 * @param seed the trial's job seed
	 * @param job its job's id, {@code null} while PENDING
	 * @param state where it is
	 * @param validationAccuracy after its last finished epoch, {@code null} before
	 * @param epochsCompleted its job's finished epochs
	 */
	public record Trial(int trial, Map<String, Object> parameters, long seed, String job, TrialState state,
			Double validationAccuracy, int epochsCompleted) {

		Trial submitted(String jobId) {
			return new Trial(this.trial, this.parameters, this.seed, jobId, TrialState.QUEUED, null, 0);
		}

		Trial with(TrialState next, Double accuracy, int epochs) {
			return new Trial(this.trial, this.parameters, this.seed, this.job, next, accuracy, epochs);
		}

	}

	/**
	 * The winner. Its test accuracy is the only test accuracy a sweep reports: trials are
	 * compared on validation.
	 *
	 * @param trial its number
	 * @param job its job
	 * @param parameters its swept values
	 * @param validationAccuracy after its last epoch
	 * @param testAccuracy of its registered version, after its last epoch
	 * @param model the version its job registered
	 */
	public record Best(int trial, String job, Map<String, Object> parameters, double validationAccuracy,
			double testAccuracy, ModelRef model) {
	}

	/**
	 * @param alias the alias asked for
	 * @param version the winner's version
	 * @param promoted whether the alias now points at it
	 * @param reason why not, {@code null} when it was moved
	 * @param accuracy the winner's test accuracy, as the alias's gate compared it
	 * @param currentAccuracy when the gate refused it: the accuracy of the version the
	 * alias kept, else {@code null}
	 */
	public record PromotionResult(String alias, int version, boolean promoted, String reason, Double accuracy,
			Double currentAccuracy) {
	}

}
