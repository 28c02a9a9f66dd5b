package dev.descent.oip;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The protocol's server endpoints: metadata, liveness and readiness. Not live or not
 * ready answers 503 with the same body, so both work as Kubernetes probes.
 */
@RestController
@Tag(name = "Open Inference Protocol (v2)")
class ServerController {

	/** The extensions implemented: the repository index (see RepositoryController). */
	static final List<String> EXTENSIONS = List.of("model_repository");

	private final ServerHealth health;

	private final String version;

	ServerController(ServerHealth health, ObjectProvider<BuildProperties> build) {
		this.health = health;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "unknown";
	}

	@GetMapping("/v2")
	@Operation(summary = "Server metadata: name, version (the build's), extensions")
	ServerMetadata metadata() {
		return new ServerMetadata("descent", this.version, EXTENSIONS);
	}

	@GetMapping("/v2/health/live")
	@Operation(summary = "Liveness: 200 live, 503 not")
	ResponseEntity<Live> live() {
		boolean live = this.health.live();
		return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new Live(live));
	}

	@GetMapping("/v2/health/ready")
	@Operation(summary = "Readiness, as /actuator/health/readiness: 200 ready, 503 not")
	ResponseEntity<Ready> ready() {
		boolean ready = this.health.ready();
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new Ready(ready));
	}

	/** {@code $metadata_server_response}. */
	record ServerMetadata(String name, String version, List<String> extensions) {

	}

	/** {@code $live_server_response}. */
	record Live(boolean live) {

	}

	/**
	 * {@code $ready_server_response}. The specification's text shows its field as "live",
	 * a slip copied from the liveness answer; the field says whether the server is ready,
	 * and clients read it as "ready".
	 */
	record Ready(boolean ready) {

	}

}
