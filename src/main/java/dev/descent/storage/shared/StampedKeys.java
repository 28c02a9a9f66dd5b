package dev.descent.storage.shared;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Object keys that are never reused and say when they were made:
 * {@code <prefix><epoch millis>-<random>}. A blob is written under a new key before the
 * row naming it is committed, so a reader never sees a key change under it; a key that no
 * row names and that is older than any write in progress is an orphan of an interrupted
 * write (the writer crashed between blob and row), safe to delete.
 */
final class StampedKeys {

	private StampedKeys() {
	}

	/**
	 * @return a fresh key under {@code prefix} (e.g. {@code checkpoints/j-1/})
	 */
	static String next(String prefix, Instant now) {
		return prefix + now.toEpochMilli() + "-" + UUID.randomUUID();
	}

	/**
	 * @param stamp the part of a key {@link #next} added to its prefix
	 * @return when it was made; empty when it is not such a part (the key is then never
	 * taken for an orphan)
	 */
	static Optional<Instant> madeAt(String stamp) {
		int dash = stamp.indexOf('-');
		if (dash <= 0) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.ofEpochMilli(Long.parseLong(stamp.substring(0, dash))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return whether the key's stamp says it was made before {@code cutoff}
	 */
	static boolean madeBefore(String stamp, Instant cutoff) {
		return madeAt(stamp).map((made) -> made.isBefore(cutoff)).orElse(false);
	}

}
