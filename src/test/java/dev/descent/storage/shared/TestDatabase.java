package dev.descent.storage.shared;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * A fresh database migrated by the application's Flyway scripts (db/migration), with a
 * HikariCP pool configured as application.yml configures the service's.
 *
 * @param url its JDBC URL
 * @param dataSource its pool
 * @param database the backend's access to it
 */
public record TestDatabase(String url, HikariDataSource dataSource, SharedDatabase database) implements AutoCloseable {

	static TestDatabase create(String url, String username, String password) {
		HikariDataSource pool = pool(url, username, password);
		Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
		return new TestDatabase(url, pool, new SharedDatabase(pool));
	}

	/**
	 * @return another pool on the same database, as another replica has
	 */
	public TestDatabase replica() {
		HikariDataSource pool = pool(this.url, this.dataSource.getUsername(), this.dataSource.getPassword());
		return new TestDatabase(this.url, pool, new SharedDatabase(pool));
	}

	private static HikariDataSource pool(String url, String username, String password) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(username);
		pool.setPassword(password);
		pool.setMaximumPoolSize(8);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
		pool.setValidationTimeout(Duration.ofSeconds(2).toMillis());
		return pool;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
