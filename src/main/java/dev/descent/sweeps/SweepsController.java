package dev.descent.sweeps;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import dev.descent.models.AliasMove;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Hyperparameter sweeps: start, look up, list, cancel, follow. */
@RestController
@RequestMapping("/sweeps")
class SweepsController {

	private static final String ID = "[A-Za-z0-9-]{1,64}";

	private static final String ID_MESSAGE = "must match [A-Za-z0-9-]{1,64}";

	private final SweepService sweeps;

	private final SweepEvents events;

	SweepsController(SweepService sweeps, SweepEvents events) {
		this.sweeps = sweeps;
		this.events = events;
	}

	@PostMapping
	ResponseEntity<Sweep> create(@RequestBody SweepRequest request, Principal key) {
		Sweep sweep = this.sweeps.create(request, (key != null) ? key.getName() : AliasMove.OPEN);
		return ResponseEntity.accepted().location(URI.create("/sweeps/" + sweep.id())).body(sweep);
	}

	@GetMapping("/{id}")
	Sweep get(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
		return this.sweeps.get(id);
	}

	/** Every sweep, newest first. */
	@GetMapping
	List<Sweep> list() {
		return this.sweeps.list();
	}

	/** Cancels a running sweep and its queued and running trials. */
	@DeleteMapping("/{id}")
	Sweep cancel(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
		return this.sweeps.cancel(id);
	}

	/**
	 * The sweep's progress as Server-Sent Events, after {@code Last-Event-ID} when given.
	 */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return this.events.open(id, lastEventId);
	}

}
