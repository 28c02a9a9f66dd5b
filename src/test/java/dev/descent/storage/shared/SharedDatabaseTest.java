package dev.descent.storage.shared;

import java.io.IOException;
import java.time.Duration;

import dev.descent.storage.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SharedDatabase} and the Flyway scripts against a real PostgreSQL server.
 */
class SharedDatabaseTest {

	@Test
	void theMigratedSchemaTakesRowsAndAFailedTransactionLeavesNone() {
		try (TestDatabase test = SharedServers.database("schema")) {
			SharedDatabase database = test.database();
			database.call("models",
					() -> database.jdbc().sql("INSERT INTO model (name, highest_version) VALUES ('a', 0)").update());
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> database.inTransaction("models", () -> {
					database.jdbc().sql("INSERT INTO model (name, highest_version) VALUES ('b', 0)").update();
					return database.jdbc().sql("INSERT INTO model (name, highest_version) VALUES ('a', 0)").update();
				}));
			assertThat(database.jdbc().sql("SELECT name FROM model").query(String.class).list()).containsExactly("a");
			assertThat(database.availability().available()).isTrue();
		}
	}

	@Test
	void aStoppedServerIsUnavailableAndTheSamePoolRecoversWhenItIsBack() throws IOException {
		try (PostgresServer own = PostgresServer.launch();
				TestDatabase test = TestDatabase.create(own.createDatabase("outage"), own.username(), own.password())) {
			SharedDatabase database = test.database();
			assertThat(database.availability().available()).isTrue();
			own.stop();
			assertThat(database.availability().available()).isFalse();
			assertThat(database.availability().reason()).isEqualTo("the database cannot be reached");
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> database.call("jobs",
						() -> database.jdbc().sql("SELECT count(*) FROM model").query(Long.class).single()))
				.satisfies((ex) -> assertThat(ex.store()).isEqualTo("jobs"));
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> database.inTransaction("models",
					() -> database.jdbc().sql("INSERT INTO model (name, highest_version) VALUES ('a', 0)").update()));
			own.start();
			// the pool reconnects by itself, within its connection timeout or a few
			await().atMost(Duration.ofSeconds(20)).until(() -> database.availability().available());
			assertThat(database.call("models",
					() -> database.jdbc().sql("SELECT count(*) FROM model").query(Long.class).single()))
				.isZero();
		}
	}

}
