package dev.descent.storage;

import org.springframework.boot.health.contributor.Health;

/**
 * A store's {@link StoreAvailability} as a health indicator reports it: UP, or DOWN with
 * the store's reason (which never names a path, host or password). Each feature's
 * indicator asks its own store, never a directory or a server.
 */
public final class StoreHealth {

	private StoreHealth() {
	}

	public static Health of(StoreAvailability availability) {
		if (availability.available()) {
			return Health.up().build();
		}
		return Health.down().withDetail("reason", availability.reason()).build();
	}

}
