package dev.descent.datasets;

import dev.descent.storage.StoreHealth;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the uploaded data sets ("datasetStore"): UP when the data set store can
 * serve reads and writes, else DOWN with its reason. The built-in MNIST has its own
 * indicator ("mnist").
 */
@Component("datasetStoreHealthIndicator")
class DatasetStoreHealthIndicator implements HealthIndicator {

	private final DatasetStore store;

	DatasetStoreHealthIndicator(DatasetStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		return StoreHealth.of(this.store.availability());
	}

}
