package dev.descent.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What this replica is among others ({@code descent.instance-id}, {@code descent.roles}).
 *
 * @param instanceId names the replica in a job's {@code worker} and {@code resumes}; the
 * host name (a Kubernetes pod's name) when absent
 * @param roles {@code serve}, {@code train} or both: only a replica with {@code train}
 * trains jobs; in shared mode one without it queues the jobs it accepts for the others
 */
@ConfigurationProperties("descent")
@Validated
public record ReplicaProperties(String instanceId, @DefaultValue( {
		"serve", "train" }) @NotEmpty Set<Role> roles){

	/** The parts of the service a replica runs. */
	public enum Role {

		/** Answers the API: predictions, models, job submission. */
		SERVE,

		/** Trains queued jobs. */
		TRAIN

	}

	/** Both roles and the host name: a replica on its own. */
	static ReplicaProperties standalone() {
		return new ReplicaProperties(null, Set.of(Role.SERVE, Role.TRAIN));
	}

	/**
	 * @return {@link #instanceId}, else the host name, else "localhost"
	 */
	public String worker() {
		if (this.instanceId != null && !this.instanceId.isBlank()) {
			return this.instanceId;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	public boolean trains() {
		return this.roles.contains(Role.TRAIN);
	}

}
