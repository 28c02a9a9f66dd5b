package dev.descent.jobs;

import dev.descent.storage.StoreHealth;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the job records and checkpoints ("jobStore"): UP when the job store can
 * serve reads and writes, else DOWN with its reason; new jobs are refused (503)
 * meanwhile.
 */
@Component("jobStoreHealthIndicator")
class JobStoreHealthIndicator implements HealthIndicator {

	private final JobStore store;

	JobStoreHealthIndicator(JobStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		return StoreHealth.of(this.store.availability());
	}

}
