package dev.descent.jobs;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Training jobs: submit, look up, list, cancel. */
@RestController
@RequestMapping("/jobs")
class JobsController {

	private static final String ID = "[A-Za-z0-9-]{1,64}";

	private static final String ID_MESSAGE = "must match [A-Za-z0-9-]{1,64}";

	static final String LAST_EVENT_ID = "Last-Event-ID";

	private final JobService jobs;

	private final JobRequestValidator validator;

	private final JobEvents events;

	JobsController(JobService jobs, JobRequestValidator validator, JobEvents events) {
		this.jobs = jobs;
		this.validator = validator;
		this.events = events;
	}

	@InitBinder("jobRequest")
	void initBinder(WebDataBinder binder) {
		binder.addValidators(this.validator);
	}

	/**
	 * Accepts a training job; every field is optional and an absent body is the default
	 * job.
	 */
	@PostMapping
	ResponseEntity<Job> submit(@Valid @RequestBody(required = false) JobRequest jobRequest) {
		Job job = this.jobs.submit((jobRequest != null) ? jobRequest : JobRequest.empty());
		return ResponseEntity.accepted().location(URI.create("/jobs/" + job.id())).body(job);
	}

	@GetMapping("/{id}")
	Job get(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
		return this.jobs.get(id);
	}

	/** Jobs newest first, optionally only those in one state. */
	@GetMapping
	JobPage list(@RequestParam(required = false) JobState state,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		List<Job> all = this.jobs.list(state);
		List<Job> content = all.stream().skip((long) page * size).limit(size).toList();
		return new JobPage(content, page, size, all.size());
	}

	/**
	 * The job's progress as Server-Sent Events: the epochs after {@code Last-Event-ID}
	 * (all without it), the live ones, then the final state.
	 */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
			@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
		return this.events.open(id, epochsSent(lastEventId));
	}

	/**
	 * @return the epochs a reconnecting client already has: its {@code Last-Event-ID}
	 */
	static int epochsSent(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return 0;
		}
		if (!lastEventId.strip().matches("\\d{1,7}")) {
			throw new InvalidJobRequestException(LAST_EVENT_ID, "must be the number of the last epoch received, got '"
					+ lastEventId.substring(0, Math.min(lastEventId.length(), 20)) + "'");
		}
		return Integer.parseInt(lastEventId.strip());
	}

	/** Cancels a queued or running job. */
	@DeleteMapping("/{id}")
	Job cancel(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
		return this.jobs.cancel(id);
	}

	/**
	 * One page of jobs.
	 *
	 * @param content the jobs on this page, newest first
	 * @param page 0-based page number
	 * @param size the page size asked for
	 * @param totalElements jobs matching the filter on all pages
	 */
	record JobPage(List<Job> content, int page, int size, long totalElements) {
	}

}
