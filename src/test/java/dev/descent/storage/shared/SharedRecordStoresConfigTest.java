package dev.descent.storage.shared;

import dev.descent.datasets.DatasetStore;
import dev.descent.jobs.JobStore;
import dev.descent.sweeps.SweepStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The record stores exist in shared mode only, over the backend's database and blobs. */
class SharedRecordStoresConfigTest {

	private static TestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = SharedServers.database("config_records");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(SharedRecordStoresConfig.class)
			.withBean(SharedDatabase.class, database::database)
			.withBean(Blobs.class, () -> SharedServers.blobs("models"))
			.withBean(JsonMapper.class, () -> JsonMapper.builder().build());
	}

	@Test
	void theSharedKindGetsTheSharedJobDatasetAndSweepStores() {
		runner().withPropertyValues("descent.storage.kind=shared").run((context) -> {
			assertThat(context).getBean(JobStore.class).isInstanceOf(SharedJobStore.class);
			assertThat(context).getBean(DatasetStore.class).isInstanceOf(SharedDatasetStore.class);
			assertThat(context).getBean(SweepStore.class).isInstanceOf(SharedSweepStore.class);
			assertThat(context.getBean(JobStore.class).availability().available()).isTrue();
			assertThat(context.getBean(SweepStore.class).loadAll()).isEmpty();
		});
	}

	@Test
	void theFilesystemKindGetsNoneOfThem() {
		runner().run((context) -> {
			assertThat(context).doesNotHaveBean(JobStore.class);
			assertThat(context).doesNotHaveBean(DatasetStore.class);
			assertThat(context).doesNotHaveBean(SweepStore.class);
		});
	}

}
