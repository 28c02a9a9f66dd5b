package dev.descent.sweeps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.descent.data.MnistSource;
import dev.descent.datasets.DatasetProvider;
import dev.descent.jobs.JobService;
import dev.descent.jobs.JobState;
import dev.descent.jobs.ServeOnlyJobs;
import dev.descent.storage.filesystem.FileStores;
import dev.descent.storage.shared.SharedJobQueue;
import dev.descent.storage.shared.SharedJobStore;
import dev.descent.storage.shared.SharedServers;
import dev.descent.storage.shared.SharedSweepStore;
import dev.descent.storage.shared.TestDatabase;
import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas' sweep services over one shared database (each with its own connection
 * pool, job store and job queue, as two processes have): a sweep created on one is read
 * and cancelled on the other, and with both advancing it every second each trial is
 * launched once; a replica's listeners hear of the changes the other records. The
 * replicas serve only, so the trials' jobs stay queued.
 */
class SweepReplicasTest {

	private static final String SWEEP = "{\"base\":{\"dataset\":\"mnist\",\"model\":\"sw-replicas\","
			+ "\"layers\":[784,16,10],\"epochs\":1,\"validationSize\":10000},\"space\":{\"learningRate\":{\"values\":[0.1,0.2,0.3,0.4]}},"
			+ "\"algorithm\":\"grid\",\"parallelTrials\":2}";

	@TempDir
	Path dataDir;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<AutoCloseable> closing = new ArrayList<>();

	private TestDatabase database;

	private SweepService a;

	private SweepService b;

	private final List<Sweep> heardOnA = new CopyOnWriteArrayList<>();

	@BeforeEach
	void createDatabase() {
		this.database = SharedServers.database("sweepreplicas");
		this.closing.add(this.database);
	}

	@AfterEach
	void stopReplicas() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	/**
	 * The sweep is created on a before b starts, so that b, like a replica started before
	 * a rolling restart, has seen it from its start; then both advance it.
	 */
	@Test
	void aSweepCreatedOnOneReplicaIsReadAdvancedOnceAndCancelledOnTheOther() throws Exception {
		this.a = replica("a", this.database);
		this.a.addListener(this.heardOnA::add);
		Sweep created = this.a.create(this.json.readValue(SWEEP, SweepRequest.class));
		TestDatabase other = this.database.replica();
		this.closing.add(other);
		this.b = replica("b", other);
		assertThat(this.b.get(created.id())).isEqualTo(created);
		assertThat(this.b.list()).extracting(Sweep::id).containsExactly(created.id());

		this.a.resume();
		this.b.resume();
		await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(created.id()) == 2);
		// both replicas advance it every second: for 3 s no third job appears
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> jobsOf(created.id()) == 2);
		Sweep advanced = this.b.get(created.id());
		assertThat(advanced.trials()).extracting(Sweep.Trial::state)
			.containsExactly(TrialState.QUEUED, TrialState.QUEUED, TrialState.PENDING, TrialState.PENDING);
		assertThat(advanced.trials().subList(0, 2)).extracting(Sweep.Trial::job)
			.doesNotContainNull()
			.doesNotHaveDuplicates();
		assertThat(this.a.get(created.id())).isEqualTo(advanced);

		Sweep cancelled = this.b.cancel(created.id());
		assertThat(cancelled.state()).isEqualTo(SweepState.CANCELLED);
		assertThat(this.a.get(created.id()).state()).isEqualTo(SweepState.CANCELLED);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> jobsOf(created.id()) == 2);
		assertThat(this.database.database()
			.jdbc()
			.sql("select count(*) from job where record->>'sweep' = :id and state = :state")
			.param("id", created.id())
			.param("state", JobState.CANCELLED.name())
			.query(Long.class)
			.single()).isEqualTo(2);

		Sweep later = this.a.create(this.json.readValue(SWEEP, SweepRequest.class));
		assertThat(this.b.get(later.id()).id()).as("created after b started").isEqualTo(later.id());
		assertThat(this.b.list()).extracting(Sweep::id).containsExactlyInAnyOrder(created.id(), later.id());
		assertThat(this.b.cancel(later.id()).state()).isEqualTo(SweepState.CANCELLED);
		assertThat(this.a.get(later.id()).state()).isEqualTo(SweepState.CANCELLED);
		// a's event streams hear of the end recorded by b
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.heardOnA.stream()
				.anyMatch((sweep) -> sweep.id().equals(later.id()) && sweep.state() == SweepState.CANCELLED));
	}

	private long jobsOf(String sweep) {
		return this.database.database()
			.jdbc()
			.sql("select count(*) from job where record->>'sweep' = :id")
			.param("id", sweep)
			.query(Long.class)
			.single();
	}

	private SweepService replica(String name, TestDatabase db) {
		ObjectProvider<MnistSource> noMnist = new StaticListableBeanFactory().getBeanProvider(MnistSource.class);
		DatasetProvider datasets = new DatasetProvider(FileStores.datasets(this.dataDir.resolve(name)), noMnist, 1);
		JobService jobs = ServeOnlyJobs.start(name,
				new SharedJobStore(db.database(), SharedServers.blobs("jobs"), this.json),
				new SharedJobQueue(db.database(), ServeOnlyJobs.properties(), name), datasets);
		this.closing.add(jobs::stop);
		SweepRequestValidator validator = new SweepRequestValidator(ServeOnlyJobs.validator(datasets),
				Validation.buildDefaultValidatorFactory().getValidator(), this.json, new SweepsProperties(100, 16));
		// no promotion is asked, so the model repository is never used
		SweepService sweeps = new SweepService(new SharedSweepStore(db.database(), this.json), jobs, null, validator,
				this.json);
		this.closing.add(sweeps::destroy);
		return sweeps;
	}

}
