package dev.descent.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** {@code descent.jobs{state}}: how many jobs are in each state. */
@Component
class JobStateMeters implements MeterBinder {

	private final JobService jobs;

	JobStateMeters(JobService jobs) {
		this.jobs = jobs;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (JobState state : JobState.values()) {
			Gauge.builder("descent.jobs", this.jobs, (service) -> service.count(state))
				.description("Training jobs by state")
				.tag("state", state.name())
				.register(registry);
		}
	}

}
