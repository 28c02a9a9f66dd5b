package dev.descent.sweeps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.descent.events.EventFeed;
import dev.descent.events.EventStreams;
import dev.descent.events.ServerEvent;
import dev.descent.jobs.Job;
import dev.descent.jobs.JobEvents;
import dev.descent.jobs.JobService;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A sweep's progress as Server-Sent Events: for each trial, one {@code epoch} event per
 * finished epoch (as a job's stream has them, with {@code trial} and {@code job}, and
 * without the test accuracy: a sweep reports that for its winner only) and a
 * {@code trial} event when it ends; then one {@code end} event with the sweep's state and
 * winner. An event's {@code id:} lists, per trial, how many of its events were sent (e.g.
 * {@code 3.5.0}); a client that reconnects with it as {@code Last-Event-ID} gets exactly
 * the events it missed. A client that connects late first gets the events so far, trial
 * by trial.
 */
@Component
class SweepEvents {

	private final SweepService sweeps;

	private final JobService jobs;

	private final EventStreams streams;

	SweepEvents(SweepService sweeps, JobService jobs, EventStreams streams) {
		this.sweeps = sweeps;
		this.jobs = jobs;
		this.streams = streams;
		sweeps.addListener((sweep) -> streams.changed(topic(sweep.id())));
		jobs.addListener((job) -> {
			if (job.sweep() != null) {
				streams.changed(topic(job.sweep()));
			}
		});
	}

	/**
	 * @param lastEventId the {@code id:} of the last event the client received, or
	 * {@code null}
	 * @throws SweepNotFoundException when no sweep has this id
	 * @throws InvalidSweepException when {@code lastEventId} is not one of this stream's
	 */
	SseEmitter open(String id, String lastEventId) {
		Sweep sweep = this.sweeps.get(id);
		return this.streams.open(topic(id), new Feed(id, cursor(lastEventId, sweep.trials().size())));
	}

	static int[] cursor(String lastEventId, int trials) {
		int[] sent = new int[trials];
		if (lastEventId == null || lastEventId.isBlank()) {
			return sent;
		}
		String[] parts = lastEventId.strip().split("\\.", -1);
		if (parts.length > trials || !lastEventId.strip().matches("\\d{1,7}(\\.\\d{1,7})*")) {
			throw new InvalidSweepException("Last-Event-ID",
					"must be the id of an event of this stream (events sent per trial, e.g. 3.5.0)");
		}
		for (int i = 0; i < parts.length; i++) {
			sent[i] = Integer.parseInt(parts[i]);
		}
		return sent;
	}

	private static String topic(String id) {
		return "sweeps/" + id;
	}

	private final class Feed implements EventFeed {

		private final String id;

		private final int[] sent;

		private boolean ended;

		Feed(String id, int[] sent) {
			this.id = id;
			this.sent = sent;
		}

		@Override
		public List<ServerEvent> next() {
			Sweep sweep = SweepEvents.this.sweeps.get(this.id);
			List<ServerEvent> events = new ArrayList<>();
			boolean trialsDone = true;
			for (Sweep.Trial trial : sweep.trials()) {
				trialsDone &= trialEvents(trial, events);
			}
			if (sweep.state().isFinal() && trialsDone) {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("state", sweep.state());
				data.put("best", sweep.best());
				data.put("promotion", sweep.promotion());
				data.put("error", sweep.error());
				events.add(new ServerEvent(id(), "end", data));
				this.ended = true;
			}
			return events;
		}

		/**
		 * Adds the trial's events not yet sent.
		 * @return whether the trial has sent its last event (or never runs)
		 */
		private boolean trialEvents(Sweep.Trial trial, List<ServerEvent> events) {
			int index = trial.trial() - 1;
			if (trial.job() == null) {
				return trial.state().isFinal() || trial.state() == TrialState.PENDING;
			}
			Job job = SweepEvents.this.jobs.get(trial.job());
			while (this.sent[index] < job.history().size()) {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("trial", trial.trial());
				data.put("job", job.id());
				data.putAll(JobEvents.epochData(job, this.sent[index]));
				data.remove("accuracy");
				this.sent[index]++;
				events.add(new ServerEvent(id(), "epoch", data));
			}
			if (!trial.state().isFinal()) {
				return false;
			}
			if (this.sent[index] == job.history().size()) {
				this.sent[index]++;
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("trial", trial.trial());
				data.put("job", job.id());
				data.put("state", trial.state());
				data.put("validationAccuracy", trial.validationAccuracy());
				events.add(new ServerEvent(id(), "trial", data));
			}
			return true;
		}

		private String id() {
			return Arrays.stream(this.sent).mapToObj(Integer::toString).collect(Collectors.joining("."));
		}

		@Override
		public boolean finished() {
			return this.ended;
		}

	}

}
