package dev.descent.predict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.descent.engine.Network;
import dev.descent.models.ModelRef;

/**
 * Loaded networks by version, least recently used evicted first. Versions are immutable,
 * so an entry never goes stale; a deleted version is no longer resolved and ages out.
 * Loading happens outside the lock: two requests may load the same version at once, which
 * is harmless, and a slow load never blocks requests for cached versions.
 */
final class NetworkCache {

	private final Map<ModelRef, Network> networks;

	NetworkCache(int capacity) {
		this.networks = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<ModelRef, Network> eldest) {
				return size() > capacity;
			}

		};
	}

	Network get(ModelRef ref, Function<ModelRef, Network> loader) {
		Network network;
		synchronized (this.networks) {
			network = this.networks.get(ref);
		}
		if (network == null) {
			network = loader.apply(ref);
			synchronized (this.networks) {
				this.networks.put(ref, network);
			}
		}
		return network;
	}

	int size() {
		synchronized (this.networks) {
			return this.networks.size();
		}
	}

}
