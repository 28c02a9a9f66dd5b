package dev.descent.storage.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.descent.storage.StoreUnavailableException;
import dev.descent.sweeps.Sweep;
import dev.descent.sweeps.SweepStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep store of the shared backend: each sweep's record is a row of table
 * {@code sweep} (its JSON, as the filesystem backend writes it, with its id and state),
 * replaced in one statement on every change, so every replica sees every sweep.
 *
 * <p>
 * {@link #tryExclusively} takes a transaction-scoped PostgreSQL advisory lock keyed by
 * the sweep's id ({@code pg_try_advisory_xact_lock(class, hashtext(id))}) on a connection
 * of its own, kept open with its transaction while the work runs and rolled back after:
 * the work's own statements run on other connections and commit as they go, and a replica
 * that dies or loses its connection releases the lock with its session. Two ids with the
 * same hash exclude each other, which only delays one of them.
 */
public final class SharedSweepStore implements SweepStore {

	private static final Logger logger = LoggerFactory.getLogger(SharedSweepStore.class);

	/** The first half of the lock's key, so that sweeps' locks are theirs alone. */
	private static final int LOCK_CLASS = 0x53574550; // "SWEP"

	/** PostgreSQL's SQLSTATE when {@code lock_timeout} ends a wait. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final SharedDatabase database;

	private final JsonRecordRows<Sweep> records;

	public SharedSweepStore(SharedDatabase database, JsonMapper mapper) {
		this.database = database;
		this.records = new JsonRecordRows<>(database, "sweeps", "sweep", mapper, Sweep.class, "sweep");
	}

	@Override
	public void save(Sweep sweep) {
		this.records.save(sweep.id(), sweep.state().name(), sweep);
	}

	@Override
	public List<Sweep> loadAll() {
		return this.records.loadAll();
	}

	@Override
	public Optional<Sweep> load(String id) {
		return this.records.load(id);
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public boolean tryExclusively(String id, Duration wait, Runnable work) {
		try (Connection connection = this.database.dataSource().getConnection()) {
			connection.setAutoCommit(false);
			try {
				if (!locked(connection, id, wait)) {
					return false;
				}
				work.run();
				return true;
			}
			finally {
				release(connection, id);
			}
		}
		catch (SQLException ex) {
			throw unavailable(ex);
		}
	}

	/**
	 * Takes the sweep's lock at once, or waits for it up to {@code wait}
	 * ({@code lock_timeout} bounds the wait of {@code pg_advisory_xact_lock}).
	 */
	private static boolean locked(Connection connection, String id, Duration wait) throws SQLException {
		if (wait.isZero()) {
			try (PreparedStatement lock = connection
				.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
				lock.setInt(1, LOCK_CLASS);
				lock.setString(2, id);
				try (ResultSet result = lock.executeQuery()) {
					return result.next() && result.getBoolean(1);
				}
			}
		}
		try (Statement timeout = connection.createStatement()) {
			timeout.execute("set local lock_timeout = " + Math.max(1, wait.toMillis()));
		}
		try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
			lock.setInt(1, LOCK_CLASS);
			lock.setString(2, id);
			lock.executeQuery().close();
			return true;
		}
		catch (SQLException ex) {
			if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Ends the lock's transaction; a connection that cannot is closed, which ends it too.
	 */
	private static void release(Connection connection, String id) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			logger.warn("Cannot release the lock of sweep {} ({}); its connection is closed", id, ex.getMessage());
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException ignored) {
				// closed already
			}
		}
	}

	private static RuntimeException unavailable(SQLException ex) {
		if (SharedDatabase.isUnavailable(ex)) {
			return new StoreUnavailableException("sweeps", "the database cannot be reached", ex);
		}
		return new IllegalStateException("Cannot lock a sweep: " + ex.getMessage(), ex);
	}

}
