package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.descent.sweeps.SweepStore;
import dev.descent.sweeps.SweepStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep store contract on a real PostgreSQL, and replicas sharing it. */
class SharedSweepStoreTest extends SweepStoreContract {

	private static TestDatabase database;

	/** A prefix of the bucket no other test uses: a fresh, empty object store. */
	private Blobs blobs;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@BeforeAll
	static void createDatabase() {
		database = SharedServers.database("sweeps");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	@BeforeEach
	void emptyTheStore() {
		database.database().jdbc().sql("truncate job, job_checkpoint, dataset, sweep").update();
		this.blobs = SharedServers.blobs("sweeps");
	}

	@Override
	protected SweepStore open() {
		return new SharedSweepStore(database.database(), this.mapper);
	}

	@Test
	void twoReplicasSeeEachOthersSweeps() throws IOException {
		try (TestDatabase replica = database.replica()) {
			seeEachOther(open(), new SharedSweepStore(replica.database(), this.mapper));
		}
	}

	private void seeEachOther(SweepStore one, SweepStore two) throws IOException {
		one.save(running("s-1"));
		assertThat(two.loadAll()).containsExactly(running("s-1"));
		two.save(finished("s-1"));
		assertThat(one.loadAll()).containsExactly(finished("s-1"));
	}

	/**
	 * Two replicas: while one advances a sweep, the other's attempt on the same sweep is
	 * skipped (not blocked), other sweeps are not held up, and the sweep is free again
	 * once the first is done.
	 */
	@Test
	void whileOneReplicaHoldsASweepTheOtherSkipsIt() {
		try (TestDatabase replica = database.replica()) {
			SweepStore one = open();
			SweepStore two = new SharedSweepStore(replica.database(), this.mapper);
			AtomicInteger ranOnTwo = new AtomicInteger();
			boolean ranOnOne = one.tryExclusively("s-1", () -> {
				assertThat(two.tryExclusively("s-1", ranOnTwo::incrementAndGet)).isFalse();
				assertThat(open().tryExclusively("s-1", ranOnTwo::incrementAndGet))
					.as("another store of the same pool is another holder too")
					.isFalse();
				assertThat(two.tryExclusively("s-2", ranOnTwo::incrementAndGet)).isTrue();
			});
			assertThat(ranOnOne).isTrue();
			assertThat(ranOnTwo).hasValue(1);
			assertThat(two.tryExclusively("s-1", ranOnTwo::incrementAndGet)).isTrue();
			assertThat(ranOnTwo).hasValue(2);
		}
	}

	/**
	 * A cancel waits for the other replica's advance: it runs once the holder is done
	 * within the wait, and is refused when the holder keeps the sweep longer.
	 */
	@Test
	void aWaitingAttemptRunsWhenTheHolderIsDoneAndIsRefusedAfterItsWait() throws Exception {
		try (TestDatabase replica = database.replica()) {
			SweepStore one = open();
			SweepStore two = new SharedSweepStore(replica.database(), this.mapper);
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Thread holder = new Thread(() -> one.tryExclusively("s-1", () -> {
				held.countDown();
				awaitQuietly(release);
			}));
			holder.start();
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			AtomicInteger ranOnTwo = new AtomicInteger();
			assertThat(two.tryExclusively("s-1", Duration.ofMillis(200), ranOnTwo::incrementAndGet))
				.as("the holder keeps it past the wait")
				.isFalse();
			CompletableFuture<Boolean> waiting = CompletableFuture
				.supplyAsync(() -> two.tryExclusively("s-1", Duration.ofSeconds(20), ranOnTwo::incrementAndGet));
			release.countDown();
			assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
			assertThat(ranOnTwo).hasValue(1);
			holder.join();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aSharedStoreSaysSo() {
		assertThat(open().shared()).isTrue();
	}

	@Test
	void recordsWithFieldsThisVersionDoesNotKnowAreReadAndUnreadableOnesSkipped() throws IOException {
		open().save(running("s-1"));
		database.database()
			.jdbc()
			.sql("update sweep set record = record || '{\"fromTheFuture\": [1, 2]}'::jsonb where id = 's-1'")
			.update();
		database.database()
			.jdbc()
			.sql("insert into sweep (id, state, record) values ('s-2', 'RUNNING', '{\"id\": \"s-2\", \"trials\": 3}')")
			.update();
		assertThat(open().loadAll()).containsExactly(running("s-1"));
	}

}
