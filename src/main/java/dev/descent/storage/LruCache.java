package dev.descent.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded map of loaded values, the least recently used evicted first once there are
 * more than {@code capacity}; used where the capacity is a memory limit (cached networks,
 * cached data sets). Thread-safe. Loading happens outside the lock: two callers may load
 * the same key at once (the later value wins), and a slow load never blocks callers of
 * cached keys. A caller that must load one value at a time serialises its calls itself.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class LruCache<K, V> {

	private final Map<K, V> entries;

	/**
	 * @param capacity the most values kept, at least 1
	 */
	public LruCache(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * @param loader called when {@code key} is not cached; must not return {@code null}
	 * @return the cached value, or the one just loaded (and now cached)
	 * @throws E what the loader throws (nothing is cached then)
	 */
	public <E extends Exception> V get(K key, Loader<? super K, ? extends V, E> loader) throws E {
		V value;
		synchronized (this.entries) {
			value = this.entries.get(key);
		}
		if (value == null) {
			value = Objects.requireNonNull(loader.load(key), "the loader returned null");
			synchronized (this.entries) {
				this.entries.put(key, value);
			}
		}
		return value;
	}

	/** Forgets {@code key}, if cached. */
	public void evict(K key) {
		synchronized (this.entries) {
			this.entries.remove(key);
		}
	}

	/**
	 * @return how many values are cached
	 */
	public int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * Loads the value of a key that is not cached.
	 *
	 * @param <K> the key
	 * @param <V> the value
	 * @param <E> what loading may throw, e.g. {@link java.io.IOException}
	 */
	@FunctionalInterface
	public interface Loader<K, V, E extends Exception> {

		/**
		 * @return the value, never {@code null}
		 */
		V load(K key) throws E;

	}

}
