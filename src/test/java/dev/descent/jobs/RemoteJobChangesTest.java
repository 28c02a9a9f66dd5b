package dev.descent.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.descent.engine.EpochResult;
import dev.descent.models.ModelRef;
import dev.descent.storage.filesystem.FileStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas' job records over one store: what replica "a" records while it trains a
 * job reaches the listeners of replica "b" (its event streams and sweeps) when b polls,
 * each change once, the end last, and nothing of the jobs b trains itself.
 */
class RemoteJobChangesTest {

	@TempDir
	Path dataDir;

	private JobRecords a;

	private JobRecords b;

	private final List<Job> heardOnB = new CopyOnWriteArrayList<>();

	@BeforeEach
	void twoReplicas() {
		JsonMapper json = JsonMapper.builder().build();
		this.a = new JobRecords(FileStores.jobs(this.dataDir, json), true);
		this.b = new JobRecords(FileStores.jobs(this.dataDir, json), true);
		this.b.addListener(this.heardOnB::add);
	}

	@Test
	void epochsAndTheEndTrainedOnAnotherReplicaAreToldOnceEach() {
		Job queued = this.a
			.create(Job.queued("j-1", JobRequest.empty().withDefaults(new Random(1), null), Instant.now()));
		assertThat(this.b.get("j-1")).isEqualTo(queued); // b follows it, as a stream
															// opened there does
		this.b.tellRemoteChanges((id) -> false);
		assertThat(this.heardOnB).extracting(Job::state).containsExactly(JobState.QUEUED);

		this.a.update("j-1", (job) -> job.started(Instant.now(), "a"));
		this.a.update("j-1", (job) -> job.withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.0, 0, 0)));
		this.b.tellRemoteChanges((id) -> false);
		this.b.tellRemoteChanges((id) -> false);
		assertThat(this.heardOnB).hasSize(2);
		assertThat(this.heardOnB.get(1).state()).isEqualTo(JobState.RUNNING);
		assertThat(this.heardOnB.get(1).worker()).isEqualTo("a");
		assertThat(this.heardOnB.get(1).epochsCompleted()).isEqualTo(1);

		this.a.update("j-1", (job) -> job.withEpoch(new EpochResult(2, 0.4, 9100, 10000, 1.0, 0, 0)));
		this.a.update("j-1", (job) -> job.succeeded(new ModelRef("mnist", 1), Instant.now()));
		this.b.tellRemoteChanges((id) -> false);
		this.b.tellRemoteChanges((id) -> false);
		assertThat(this.heardOnB).hasSize(3);
		assertThat(this.heardOnB.get(2).state()).isEqualTo(JobState.SUCCEEDED);
		assertThat(this.heardOnB.get(2).epochsCompleted()).isEqualTo(2);
		assertThat(this.b.get("j-1").model()).isEqualTo(new ModelRef("mnist", 1));
	}

	@Test
	void aJobTrainedHereIsToldAsItChangesAndNeverAgainByThePoll() {
		this.b.create(Job.queued("j-2", JobRequest.empty().withDefaults(new Random(2), null), Instant.now()));
		this.b.update("j-2", (job) -> job.started(Instant.now(), "b"));
		this.b.update("j-2", (job) -> job.withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.0, 0, 0)));
		assertThat(this.heardOnB).hasSize(3);

		this.b.tellRemoteChanges((id) -> id.equals("j-2"));
		this.b.tellRemoteChanges((id) -> false); // not training it any more: the record
													// is as told
		assertThat(this.heardOnB).hasSize(3);
	}

}
