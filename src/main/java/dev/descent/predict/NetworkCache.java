package dev.descent.predict;

import java.util.function.Function;

import dev.descent.engine.Network;
import dev.descent.models.ModelRef;
import dev.descent.storage.LruCache;

/**
 * Loaded networks by version, least recently used evicted first. Versions are immutable,
 * so an entry never goes stale; a deleted version is no longer resolved and ages out.
 * Loading happens outside the lock: two requests may load the same version at once, which
 * is harmless, and a slow load never blocks requests for cached versions.
 */
final class NetworkCache {

	private final LruCache<ModelRef, Network> networks;

	NetworkCache(int capacity) {
		this.networks = new LruCache<>(capacity);
	}

	Network get(ModelRef ref, Function<ModelRef, Network> loader) {
		return this.networks.get(ref, loader::apply);
	}

	int size() {
		return this.networks.size();
	}

}
