package dev.descent.storage.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Delivers other replicas' changes to listeners, through PostgreSQL's LISTEN/NOTIFY: a
 * store sends {@code pg_notify(channel, "instance:name")} in the transaction of each
 * change, so that it arrives when the change is committed, never before. A daemon thread,
 * started with the first listener, holds a connection of its own with
 * {@code LISTEN channel} and waits for notifications at most {@link #WAIT_MILLIS} at a
 * time; this instance's own notifications are skipped. Each time its {@code LISTEN} is in
 * place, the first time included, it tells the listeners with a null name: every model
 * may have changed while nothing listened, whether the connection broke (the server
 * restarted, the network failed; it reconnects every {@link #RETRY_MILLIS}) or had not
 * been made yet (a listener reads the registry, then adds itself, and a change committed
 * between the two would otherwise be heard of by nobody).
 */
final class ChangeListener implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ChangeListener.class);

	static final int WAIT_MILLIS = 250;

	static final long RETRY_MILLIS = 1000;

	private final DataSource dataSource;

	private final String channel;

	private final String instance;

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private Thread thread;

	private volatile boolean closed;

	ChangeListener(DataSource dataSource, String channel, String instance) {
		this.dataSource = dataSource;
		this.channel = channel;
		this.instance = instance;
	}

	static String payload(String instance, String name) {
		return instance + ":" + ((name != null) ? name : "");
	}

	void add(Consumer<String> listener) {
		this.listeners.add(listener);
		synchronized (this.monitor) {
			if (this.thread == null && !this.closed) {
				this.thread = new Thread(this::run, "descent-model-changes");
				this.thread.setDaemon(true);
				this.thread.start();
			}
			else {
				// the thread may be listening already: a null at its next wake tells the
				// newcomer too
				this.added = true;
			}
		}
	}

	/** A listener came after the thread started; it is owed a null. */
	private volatile boolean added;

	private void run() {
		while (!this.closed) {
			try (Connection connection = connect()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + this.channel);
				}
				deliver(null);
				listen(connection.unwrap(PGConnection.class));
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.closed) {
					logger.warn("Not listening for other replicas' changes (" + ex.getMessage() + "); retrying");
				}
			}
			pause();
		}
	}

	/**
	 * A connection of its own, outside the pool when the pool is HikariCP's: it is held
	 * as long as the store lives.
	 */
	private Connection connect() throws SQLException {
		if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
			return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		}
		return this.dataSource.getConnection();
	}

	private void listen(PGConnection connection) throws SQLException {
		while (!this.closed) {
			PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
			if (this.added) {
				this.added = false;
				deliver(null);
			}
			if (notifications == null) {
				continue;
			}
			for (PGNotification notification : notifications) {
				String payload = notification.getParameter();
				int colon = payload.indexOf(':');
				if (colon < 0 || payload.substring(0, colon).equals(this.instance)) {
					continue;
				}
				String name = payload.substring(colon + 1);
				deliver(name.isEmpty() ? null : name);
			}
		}
	}

	private void deliver(String name) {
		for (Consumer<String> listener : this.listeners) {
			try {
				listener.accept(name);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of model changes failed", ex);
			}
		}
	}

	private void pause() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			try {
				this.monitor.wait(RETRY_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.closed = true;
			}
		}
	}

	@Override
	public void close() {
		Thread running;
		synchronized (this.monitor) {
			this.closed = true;
			this.monitor.notifyAll();
			running = this.thread;
		}
		if (running != null) {
			try {
				running.join(WAIT_MILLIS * 4L);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
