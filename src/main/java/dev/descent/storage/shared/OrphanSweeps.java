package dev.descent.storage.shared;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.descent.storage.StoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs each {@link OrphanSweeper} on a schedule, on one daemon thread; a sweep that fails
 * (a store unreachable) is logged and tried again at the next interval.
 */
final class OrphanSweeps implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(OrphanSweeps.class);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "descent-orphan-sweeps");
		thread.setDaemon(true);
		return thread;
	});

	OrphanSweeps(List<OrphanSweeper> sweepers, Duration interval) {
		this.scheduler.scheduleWithFixedDelay(() -> sweepers.forEach(OrphanSweeps::sweep), interval.toMillis(),
				interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void sweep(OrphanSweeper sweeper) {
		try {
			sweeper.sweep();
		}
		catch (StoreUnavailableException ex) {
			logger.warn("Orphan sweep postponed: " + ex.getMessage());
		}
		catch (Exception ex) {
			logger.error("Orphan sweep failed", ex);
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
