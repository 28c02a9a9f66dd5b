package dev.descent.models;

import dev.descent.storage.StoreHealth;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the model repository ("modelRepository"): UP when its store can serve
 * reads and writes, else DOWN with the store's reason (which never names a path or host).
 */
@Component("modelRepositoryHealthIndicator")
class ModelStoreHealthIndicator implements HealthIndicator {

	private final ModelStore store;

	ModelStoreHealthIndicator(ModelStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		return StoreHealth.of(this.store.availability());
	}

}
