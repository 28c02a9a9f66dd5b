package dev.descent.models;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code models}: UP while the repository's directory can be read and
 * written. A corrupt version is reported in the details but never makes it DOWN, so one
 * bad file cannot take the service out of rotation; the other versions keep serving. Add
 * {@code models} to the readiness group to make readiness reflect it.
 */
@Component
class ModelsHealthIndicator implements HealthIndicator {

	private final ModelRepository repository;

	ModelsHealthIndicator(ModelRepository repository) {
		this.repository = repository;
	}

	@Override
	public Health health() {
		Health.Builder health = this.repository.isAccessible() ? Health.up()
				: Health.down().withDetail("reason", "the model repository's directory cannot be read or written");
		long corrupt = this.repository.list()
			.stream()
			.mapToLong(
					(model) -> this.repository.versions(model.name()).stream().filter(ModelVersion::isCorrupt).count())
			.sum();
		return health.withDetail("models", this.repository.list().size())
			.withDetail("corruptVersions", corrupt)
			.build();
	}

}
