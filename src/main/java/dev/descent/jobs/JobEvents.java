package dev.descent.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.descent.events.EventFeed;
import dev.descent.events.EventStreams;
import dev.descent.events.ServerEvent;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's progress as Server-Sent Events: one {@code epoch} event per finished epoch
 * ({@code id:} the epoch number), then one {@code end} event with the final state. A
 * client that connects late, or reconnects with {@code Last-Event-ID}, first gets the
 * epochs it has not had, from the job's record, then the live ones.
 */
@Component
public class JobEvents {

	private final JobService jobs;

	private final EventStreams streams;

	JobEvents(JobService jobs, EventStreams streams) {
		this.jobs = jobs;
		this.streams = streams;
		jobs.addListener((job) -> streams.changed(topic(job.id())));
	}

	/**
	 * @param afterEpoch the epochs already sent (the {@code Last-Event-ID}), 0 for all
	 * @throws JobNotFoundException when no job has this id
	 */
	SseEmitter open(String id, int afterEpoch) {
		this.jobs.get(id);
		return this.streams.open(topic(id), new Feed(id, afterEpoch));
	}

	private static String topic(String id) {
		return "jobs/" + id;
	}

	/**
	 * The data of one finished epoch's event.
	 * @param job the job's snapshot
	 * @param epoch the index in its history
	 */
	public static Map<String, Object> epochData(Job job, int epoch) {
		Job.Epoch e = job.history().get(epoch);
		int planned = job.request().epochs();
		double meanSeconds = job.history()
			.subList(0, epoch + 1)
			.stream()
			.mapToDouble(Job.Epoch::seconds)
			.average()
			.orElse(0);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("epoch", e.epoch());
		data.put("cost", e.cost());
		data.put("accuracy", e.accuracy());
		data.put("validationAccuracy", e.validationAccuracy());
		data.put("seconds", e.seconds());
		data.put("percent", 100.0 * e.epoch() / planned);
		data.put("remainingSeconds", Math.max(0, planned - e.epoch()) * meanSeconds);
		return data;
	}

	/**
	 * @return the data of a job's {@code end} event
	 */
	public static Map<String, Object> endData(Job job) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("state", job.state());
		data.put("epochsCompleted", job.epochsCompleted());
		data.put("model", job.model());
		data.put("error", job.error());
		return data;
	}

	private final class Feed implements EventFeed {

		private final String id;

		private int sent;

		private boolean ended;

		Feed(String id, int afterEpoch) {
			this.id = id;
			this.sent = afterEpoch;
		}

		@Override
		public List<ServerEvent> next() {
			Job job = JobEvents.this.jobs.get(this.id);
			List<ServerEvent> events = new ArrayList<>();
			for (; this.sent < job.history().size(); this.sent++) {
				events.add(new ServerEvent(Integer.toString(this.sent + 1), "epoch", epochData(job, this.sent)));
			}
			if (job.state().isFinal()) {
				events.add(new ServerEvent(null, "end", endData(job)));
				this.ended = true;
			}
			return events;
		}

		@Override
		public boolean finished() {
			return this.ended;
		}

	}

}
