package dev.descent.metrics;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.descent.engine.EpochResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Training progress as Micrometer meters: per job (tags {@code job}, {@code model}) the
 * latest cost, accuracy and epochs completed, and one {@code descent.training.epoch.cost}
 * series per epoch, so that a scrape every 15 s still sees every epoch however short.
 * Only the {@link MetricsProperties#recentJobs() latest jobs} keep their series: the
 * oldest job's meters are removed when a new job starts past that number.
 */
@Component
public class TrainingMetrics {

	private final MeterRegistry registry;

	private final int recentJobs;

	private final Counter submitted;

	private final Timer epochTimer;

	/** In the order jobs started; guarded by itself. */
	private final Map<String, JobMeters> recent = new LinkedHashMap<>();

	public TrainingMetrics(MeterRegistry registry, MetricsProperties properties) {
		this.registry = registry;
		this.recentJobs = properties.recentJobs();
		this.submitted = Counter.builder("descent.jobs.submitted")
			.description("Training jobs accepted")
			.register(registry);
		this.epochTimer = Timer.builder("descent.training.epoch")
			.description("Training time of one epoch, evaluation excluded")
			.register(registry);
	}

	/** Counts an accepted job. */
	public void jobSubmitted() {
		this.submitted.increment();
	}

	/**
	 * Registers a starting job's meters, and removes those of the job that falls out of
	 * the recent ones. A resumed job's meters start from the epochs it finished before
	 * (its gauges show the last of them, not 0 epochs until its next epoch); the epoch
	 * timer is not told of them again.
	 * @param model a validated model name
	 * @param finished the epochs the job finished before it was interrupted, in order;
	 * empty for a job that starts from its first epoch
	 */
	public void trainingStarted(String job, String model, List<EpochResult> finished) {
		synchronized (this.recent) {
			JobMeters previous = this.recent.remove(job);
			if (previous != null) {
				previous.remove();
			}
			JobMeters meters = new JobMeters(this.registry, job, model);
			finished.forEach(meters::epochFinished);
			this.recent.put(job, meters);
			Iterator<JobMeters> oldest = this.recent.values().iterator();
			while (this.recent.size() > this.recentJobs) {
				oldest.next().remove();
				oldest.remove();
			}
		}
	}

	/** Records a finished epoch of a started job. */
	public void epochFinished(String job, EpochResult result) {
		this.epochTimer.record(Duration.ofNanos((long) (result.seconds() * 1e9)));
		JobMeters meters;
		synchronized (this.recent) {
			meters = this.recent.get(job);
		}
		if (meters != null) {
			meters.epochFinished(result);
		}
	}

	/**
	 * @return the number of jobs whose series are exported
	 */
	int recentJobCount() {
		synchronized (this.recent) {
			return this.recent.size();
		}
	}

}
