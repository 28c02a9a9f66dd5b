package dev.descent.storage.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared backend's PostgreSQL database: a {@link JdbcClient} and transactions over
 * the application's DataSource (HikariCP), with one rule for failures: a database that
 * cannot be reached (no connection within the pool's timeout, a connection cut, the
 * server shutting down) throws {@link StoreUnavailableException} naming the store;
 * anything else (a constraint, a bad statement) is left as it is.
 */
public final class SharedDatabase {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public SharedDatabase(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * @return the client; calls through {@link #call} or {@link #inTransaction} have
	 * their failures translated
	 */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

	/**
	 * Runs {@code work} (statements on {@link #jdbc()}, each committed on its own).
	 * @param store named by the {@link StoreUnavailableException}
	 */
	public <T> T call(String store, Supplier<T> work) {
		try {
			return work.get();
		}
		catch (RuntimeException ex) {
			throw translated(store, ex);
		}
	}

	/**
	 * Runs {@code work} in one transaction: committed when it returns, rolled back when
	 * it throws.
	 * @param store named by the {@link StoreUnavailableException}
	 */
	public <T> T inTransaction(String store, Supplier<T> work) {
		try {
			return this.transactions.execute((status) -> work.get());
		}
		catch (RuntimeException ex) {
			throw translated(store, ex);
		}
	}

	/**
	 * @return UP when a connection answers {@code SELECT 1}; the reason never names the
	 * host
	 */
	public StoreAvailability availability() {
		try {
			this.jdbc.sql("SELECT 1").query(Integer.class).single();
			return StoreAvailability.up();
		}
		catch (RuntimeException ex) {
			return StoreAvailability
				.down(isUnavailable(ex) ? "the database cannot be reached" : "the database cannot answer a query");
		}
	}

	/**
	 * @return {@code ex} as a {@link StoreUnavailableException} when it says the database
	 * cannot be reached, else {@code ex} itself
	 */
	public static RuntimeException translated(String store, RuntimeException ex) {
		if (ex instanceof StoreUnavailableException) {
			return ex;
		}
		if (isUnavailable(ex)) {
			return new StoreUnavailableException(store, "the database cannot be reached", ex);
		}
		return ex;
	}

	/**
	 * @return whether {@code ex} (or a cause) says the database cannot be reached, as
	 * opposed to refusing one statement
	 */
	public static boolean isUnavailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					|| t instanceof TransactionSystemException || t instanceof SQLTransientException
					|| t instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return whether an SQLSTATE says the connection failed (class 08) or the server is
	 * going away (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now)
	 */
	private static boolean isConnectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

}
