package dev.descent.oip;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * What the protocol's health endpoints report: the service's own liveness state, and its
 * readiness group ({@code /actuator/health/readiness}: the readiness state, MNIST on
 * disk, the model repository usable), so a probe on either answers the same.
 */
@Component
class ServerHealth {

	private final ApplicationAvailability availability;

	private final HealthEndpoint health;

	ServerHealth(ApplicationAvailability availability, HealthEndpoint health) {
		this.availability = availability;
		this.health = health;
	}

	boolean live() {
		return this.availability.getLivenessState() == LivenessState.CORRECT;
	}

	boolean ready() {
		HealthDescriptor readiness = this.health.healthForPath("readiness");
		return readiness != null && Status.UP.equals(readiness.getStatus());
	}

}
