package dev.descent.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How training jobs run ({@code descent.jobs.*}).
 *
 * @param concurrency jobs that train at the same time
 * @param queueCapacity accepted jobs that may wait; one more is refused with 429
 * @param maxParameters the largest network (weights and biases) a job may ask for
 * @param maxEpochs the most epochs a job may ask for
 * @param defaultTimeLimit the time limit of a job that sets none; none when absent
 * @param retryAfter the Retry-After a full queue answers with
 * @param shutdownWait how long closing the service waits for running jobs to stop
 * @param resume whether a job interrupted by a crash or shutdown resumes from the
 * checkpoint of its last finished epoch after a restart (false: it is FAILED
 * "interrupted", and no checkpoint is written)
 * @param lease in shared mode, how long a replica that stopped renewing its claim on a
 * job (it died) keeps it before another replica claims it and resumes it
 * @param maxAttempts in shared mode, how many times a job may fail over to another
 * replica; once more and it is FAILED
 * @param pollInterval in shared mode, how often a training replica looks for queued jobs
 */
@ConfigurationProperties("descent.jobs")
@Validated
public record JobsProperties(@DefaultValue("1") @Min(1) @Max(64) int concurrency,
		@DefaultValue("64") @Min(1) int queueCapacity, @DefaultValue("5000000") @Positive long maxParameters,
		@DefaultValue("1000") @Min(1) int maxEpochs, Duration defaultTimeLimit,
		@DefaultValue("30s") @NotNull Duration retryAfter, @DefaultValue("30s") @NotNull Duration shutdownWait,
		@DefaultValue("true") boolean resume, @DefaultValue("30s") @NotNull Duration lease,
		@DefaultValue("3") @Min(0) int maxAttempts, @DefaultValue("1s") @NotNull Duration pollInterval) {

	/**
	 * @return the threads a job gets when its request names none: the machine's
	 * processors shared among the {@link #concurrency} jobs that may train at once, at
	 * least 1
	 */
	public int defaultThreads() {
		return Math.max(1, Runtime.getRuntime().availableProcessors() / this.concurrency);
	}

}
