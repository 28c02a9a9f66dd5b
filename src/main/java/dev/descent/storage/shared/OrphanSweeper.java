package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Deletes orphan blobs: blobs under a key prefix that no row references and that are
 * older than a grace period (a write in progress is unreferenced too, until its row is
 * inserted). They come from a crash between a blob's upload and its row, or a deletion
 * whose blob could not be deleted. Each deletion counts in
 * {@code descent.storage.orphans.swept}, tagged with the store.
 */
public final class OrphanSweeper {

	private static final Log logger = LogFactory.getLog(OrphanSweeper.class);

	/** Whether a row references a blob's key. */
	@FunctionalInterface
	public interface References {

		boolean isReferenced(String key);

	}

	private final Blobs blobs;

	private final String keyPrefix;

	private final References references;

	private final Duration grace;

	private final Clock clock;

	private final Counter swept;

	public OrphanSweeper(Blobs blobs, String keyPrefix, References references, Duration grace, Clock clock,
			MeterRegistry registry, String store) {
		this.blobs = blobs;
		this.keyPrefix = keyPrefix;
		this.references = references;
		this.grace = grace;
		this.clock = clock;
		this.swept = Counter.builder("descent.storage.orphans.swept")
			.description("Blobs deleted because no record referenced them")
			.tag("store", store)
			.register(registry);
	}

	/**
	 * @return how many orphans were deleted
	 */
	public int sweep() throws IOException {
		Instant cutoff = this.clock.instant().minus(this.grace);
		int deleted = 0;
		for (Blobs.Entry entry : this.blobs.entries(this.keyPrefix)) {
			if (entry.lastModified().isBefore(cutoff) && !this.references.isReferenced(entry.key())) {
				this.blobs.delete(entry.key());
				this.swept.increment();
				deleted++;
				logger.info("Deleted orphan blob " + entry.key());
			}
		}
		return deleted;
	}

}
