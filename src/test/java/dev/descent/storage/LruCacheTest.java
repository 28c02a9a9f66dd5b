package dev.descent.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LruCacheTest {

	private final List<String> loads = new ArrayList<>();

	private String load(String key) {
		this.loads.add(key);
		return key.toUpperCase();
	}

	@Test
	void loadsOnceAndReturnsTheCachedValue() {
		LruCache<String, String> cache = new LruCache<>(2);
		String first = cache.get("a", this::load);
		assertThat(cache.get("a", this::load)).isSameAs(first).isEqualTo("A");
		assertThat(this.loads).containsExactly("a");
	}

	@Test
	void beyondCapacityTheLeastRecentlyUsedIsEvictedAndReloaded() {
		LruCache<String, String> cache = new LruCache<>(3);
		cache.get("a", this::load);
		cache.get("b", this::load);
		cache.get("c", this::load);
		cache.get("d", this::load);
		assertThat(cache.size()).isEqualTo(3);
		cache.get("b", this::load);
		cache.get("c", this::load);
		cache.get("d", this::load);
		assertThat(this.loads).containsExactly("a", "b", "c", "d");
		cache.get("a", this::load);
		assertThat(this.loads).containsExactly("a", "b", "c", "d", "a");
		assertThat(cache.size()).isEqualTo(3);
	}

	@Test
	void aReadMakesAnEntryRecentlyUsed() {
		LruCache<String, String> cache = new LruCache<>(2);
		cache.get("a", this::load);
		cache.get("b", this::load);
		cache.get("a", this::load);
		cache.get("c", this::load);
		cache.get("a", this::load);
		assertThat(this.loads).containsExactly("a", "b", "c");
		cache.get("b", this::load);
		assertThat(this.loads).containsExactly("a", "b", "c", "b");
	}

	@Test
	void anEvictedKeyIsLoadedAgain() {
		LruCache<String, String> cache = new LruCache<>(2);
		cache.get("a", this::load);
		cache.evict("a");
		cache.evict("never");
		assertThat(cache.size()).isZero();
		cache.get("a", this::load);
		assertThat(this.loads).containsExactly("a", "a");
	}

	@Test
	void aFailedLoadCachesNothing() throws IOException {
		LruCache<String, String> cache = new LruCache<>(2);
		assertThatIOException().isThrownBy(() -> cache.get("a", (k) -> {
			throw new IOException("unreadable " + k);
		})).withMessage("unreadable a");
		assertThat(cache.size()).isZero();
		assertThat(cache.get("a", (k) -> "ok")).isEqualTo("ok");
	}

	@Test
	void capacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LruCache<>(0));
	}

}
