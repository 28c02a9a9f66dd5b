package dev.descent.jobs;

import java.time.Duration;
import java.util.Set;

import dev.descent.datasets.DatasetProvider;
import dev.descent.metrics.MetricsProperties;
import dev.descent.metrics.TrainingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Job services for tests of other features: a replica with the {@code serve} role only,
 * which queues jobs on the given queue and trains none, so jobs stay QUEUED until
 * cancelled.
 */
public final class ServeOnlyJobs {

	private static final JobsProperties PROPERTIES = new JobsProperties(1, 64, 5_000_000, 1000, null,
			Duration.ofSeconds(7), Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));

	private ServeOnlyJobs() {
	}

	public static JobsProperties properties() {
		return PROPERTIES;
	}

	/**
	 * @return a started service named {@code instance} over {@code store} and
	 * {@code queue}
	 */
	public static JobService start(String instance, JobStore store, JobQueue queue, DatasetProvider datasets) {
		JobService service = new JobService(PROPERTIES, store, new JobTrainer(datasets, null),
				new TrainingMetrics(new SimpleMeterRegistry(), new MetricsProperties(20)), datasets, queue,
				new ReplicaProperties(instance, Set.of(ReplicaProperties.Role.SERVE)));
		service.start();
		return service;
	}

	public static JobRequestValidator validator(DatasetProvider datasets) {
		return new JobRequestValidator(PROPERTIES, datasets);
	}

}
