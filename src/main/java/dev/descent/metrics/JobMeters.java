package dev.descent.metrics;

import java.util.ArrayList;
import java.util.List;

import dev.descent.engine.EpochResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of one job. The gauges read this long-lived object (and, per epoch, an
 * immutable {@link EpochCost} it holds), never a boxed number, so they never go stale
 * through garbage collection.
 */
final class JobMeters {

	private final MeterRegistry registry;

	private final Tags tags;

	/** Every meter registered for the job, to remove them together; guarded by this. */
	private final List<Meter> meters = new ArrayList<>();

	/** Keeps each epoch gauge's object strongly reachable. */
	private final List<EpochCost> epochCosts = new ArrayList<>();

	private volatile double cost = Double.NaN;

	private volatile double accuracy = Double.NaN;

	private volatile int epochsCompleted;

	private boolean removed;

	JobMeters(MeterRegistry registry, String job, String model) {
		this.registry = registry;
		this.tags = Tags.of("job", job, "model", model);
		add(Gauge.builder("descent.training.cost", this, (m) -> m.cost)
			.description("Mean training cost of the job's latest epoch")
			.tags(this.tags)
			.register(registry));
		add(Gauge.builder("descent.training.accuracy", this, (m) -> m.accuracy)
			.description("Test accuracy after the job's latest epoch")
			.tags(this.tags)
			.register(registry));
		add(Gauge.builder("descent.training.epochs.completed", this, (m) -> m.epochsCompleted)
			.description("Epochs the job has finished")
			.tags(this.tags)
			.register(registry));
	}

	synchronized void epochFinished(EpochResult result) {
		if (this.removed) {
			return;
		}
		this.cost = result.cost();
		this.accuracy = result.accuracy();
		this.epochsCompleted = result.epoch();
		EpochCost epochCost = new EpochCost(result.cost());
		this.epochCosts.add(epochCost);
		add(Gauge.builder("descent.training.epoch.cost", epochCost, EpochCost::value)
			.description("Mean training cost of each epoch of the recent jobs")
			.tags(this.tags.and("epoch", Integer.toString(result.epoch())))
			.register(this.registry));
	}

	synchronized void remove() {
		this.removed = true;
		this.meters.forEach(this.registry::remove);
		this.meters.clear();
		this.epochCosts.clear();
	}

	private void add(Meter meter) {
		this.meters.add(meter);
	}

	/** One epoch's cost, fixed once the epoch is over. */
	record EpochCost(double value) {
	}

}
