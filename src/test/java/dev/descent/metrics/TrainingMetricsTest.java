package dev.descent.metrics;

import java.util.List;

import dev.descent.engine.EpochResult;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TrainingMetrics metrics = new TrainingMetrics(this.registry, new MetricsProperties(2));

	@Test
	void exportsTheLatestEpochAndEveryEpochsCost() {
		this.metrics.trainingStarted("j-1", "mnist", List.of());
		this.metrics.epochFinished("j-1", new EpochResult(1, 0.5, 8000, 10000, 0.2));
		this.metrics.epochFinished("j-1", new EpochResult(2, 0.25, 9000, 10000, 0.2));
		assertThat(gauge("descent.training.cost", "j-1")).isEqualTo(0.25);
		assertThat(gauge("descent.training.accuracy", "j-1")).isEqualTo(0.9);
		assertThat(gauge("descent.training.epochs.completed", "j-1")).isEqualTo(2.0);
		assertThat(this.registry.get("descent.training.epoch.cost").tags("job", "j-1", "epoch", "1").gauge().value())
			.isEqualTo(0.5);
		assertThat(this.registry.get("descent.training.epoch.cost").tags("job", "j-1", "epoch", "2").gauge().value())
			.isEqualTo(0.25);
		assertThat(this.registry.get("descent.training.epoch").timer().count()).isEqualTo(2);
	}

	@Test
	void removesTheSeriesOfJobsThatFallOutOfTheRecentOnes() {
		for (String job : new String[] { "j-1", "j-2", "j-3" }) {
			this.metrics.trainingStarted(job, "mnist", List.of());
			this.metrics.epochFinished(job, new EpochResult(1, 0.5, 8000, 10000, 0.2));
		}
		assertThat(Search.in(this.registry).tag("job", "j-1").meters()).isEmpty();
		assertThat(Search.in(this.registry).name("descent.training.epoch.cost").gauges()).hasSize(2);
		assertThat(Search.in(this.registry).tag("job", "j-3").meters()).hasSize(4);
		assertThat(this.metrics.recentJobCount()).isEqualTo(2);
		// an epoch reported after removal registers nothing again
		this.metrics.epochFinished("j-1", new EpochResult(2, 0.4, 8000, 10000, 0.2));
		assertThat(Search.in(this.registry).tag("job", "j-1").meters()).isEmpty();
	}

	@Test
	void aResumedJobStartsFromTheEpochsItFinishedBefore() {
		this.metrics.trainingStarted("j-1", "mnist",
				List.of(new EpochResult(1, 0.5, 8000, 10000, 0.2), new EpochResult(2, 0.25, 9000, 10000, 0.2)));
		assertThat(gauge("descent.training.cost", "j-1")).isEqualTo(0.25);
		assertThat(gauge("descent.training.accuracy", "j-1")).isEqualTo(0.9);
		assertThat(gauge("descent.training.epochs.completed", "j-1")).isEqualTo(2.0);
		assertThat(this.registry.get("descent.training.epoch.cost").tags("job", "j-1", "epoch", "1").gauge().value())
			.isEqualTo(0.5);
		assertThat(this.registry.get("descent.training.epoch").timer().count()).isZero();
		this.metrics.epochFinished("j-1", new EpochResult(3, 0.125, 9500, 10000, 0.2));
		assertThat(gauge("descent.training.epochs.completed", "j-1")).isEqualTo(3.0);
		assertThat(Search.in(this.registry).name("descent.training.epoch.cost").gauges()).hasSize(3);
	}

	@Test
	void aJobStartingFromItsFirstEpochHasNoneYet() {
		this.metrics.trainingStarted("j-1", "mnist", List.of());
		assertThat(gauge("descent.training.epochs.completed", "j-1")).isZero();
		assertThat(gauge("descent.training.cost", "j-1")).isNaN();
	}

	private double gauge(String name, String job) {
		return this.registry.get(name).tags("job", job, "model", "mnist").gauge().value();
	}

}
