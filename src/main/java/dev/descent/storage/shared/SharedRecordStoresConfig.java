package dev.descent.storage.shared;

import dev.descent.jobs.JobQueue;
import dev.descent.jobs.JobStore;
import dev.descent.jobs.JobsProperties;
import dev.descent.jobs.ReplicaProperties;
import dev.descent.sweeps.SweepStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared backend's record stores ({@code descent.storage.kind=shared}): jobs (and
 * their queue, {@code V3__job_queue.sql}), data sets and sweeps in PostgreSQL (tables of
 * {@code V2__job_dataset_sweep.sql}), their checkpoints and files in the object store
 * through {@link Blobs}. The model store, the database and the object store themselves
 * are set up by {@link SharedStorageConfig}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "descent.storage.kind", havingValue = "shared")
@EnableConfigurationProperties({ JobsProperties.class, ReplicaProperties.class })
class SharedRecordStoresConfig {

	@Bean
	JobStore jobStore(SharedDatabase database, Blobs blobs, JsonMapper json) {
		return new SharedJobStore(database, blobs, json);
	}

	/**
	 * The job queue every replica shares; the jobs feature starts and stops it (a replica
	 * without the {@code train} role only offers to it).
	 */
	@Bean
	JobQueue jobQueue(SharedDatabase database, JobsProperties jobs, ReplicaProperties replica) {
		return new SharedJobQueue(database, jobs, replica.worker());
	}

	@Bean
	SharedDatasetStore datasetStore(SharedDatabase database, Blobs blobs, JsonMapper json) {
		return new SharedDatasetStore(database, blobs, json);
	}

	/**
	 * Once the service is up, deletes what uploads interrupted by a crash left in the
	 * object store.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> datasetLeftovers(SharedDatasetStore datasets) {
		return (event) -> datasets.removeLeftovers();
	}

	@Bean
	SweepStore sweepStore(SharedDatabase database, JsonMapper json) {
		return new SharedSweepStore(database, json);
	}

}
