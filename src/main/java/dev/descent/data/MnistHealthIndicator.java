package dev.descent.data;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the training data ("mnist"): UP when the verified files are present,
 * OUT_OF_SERVICE while they are being fetched, DOWN with the reason when the last fetch
 * failed. Before any fetch, UNKNOWN: the first job will fetch them.
 */
@Component
class MnistHealthIndicator implements HealthIndicator {

	private final MnistSource mnist;

	MnistHealthIndicator(MnistSource mnist) {
		this.mnist = mnist;
	}

	@Override
	public Health health() {
		if (this.mnist.isAvailable()) {
			return Health.up().build();
		}
		return switch (this.mnist.status()) {
			case FETCHING -> Health.outOfService().withDetail("reason", "fetching MNIST").build();
			case FAILED ->
				Health.down().withDetail("reason", Objects.toString(this.mnist.failure(), "unknown")).build();
			default -> Health.unknown().withDetail("reason", "MNIST is fetched on first need").build();
		};
	}

}
