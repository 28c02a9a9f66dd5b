package dev.descent.data;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * MNIST for the service: fetched on first need (a job starting, a test image asked for),
 * and in the background as soon as the service is ready, so the first job rarely waits.
 * Remembers how the last attempt went for the readiness check.
 */
@Component
public class MnistSource {

	private static final Logger logger = LoggerFactory.getLogger(MnistSource.class);

	/** Where the data stands. */
	public enum Status {

		/** Not asked for yet. */
		IDLE,
		/** Being fetched or read. */
		FETCHING,
		/** Loaded. */
		READY,
		/** The last attempt failed; the next need tries again. */
		FAILED

	}

	private final Mnist mnist;

	private final MnistProperties properties;

	private volatile Status status = Status.IDLE;

	private volatile String failure;

	private final AtomicBoolean background = new AtomicBoolean();

	public MnistSource(Mnist mnist, MnistProperties properties) {
		this.mnist = mnist;
		this.properties = properties;
	}

	/**
	 * @return the verified data, fetched first when needed; concurrent callers wait for
	 * one fetch
	 * @throws IOException when no source worked, naming each source's problem
	 */
	public MnistData load() throws IOException {
		if (this.status != Status.READY) {
			this.status = Status.FETCHING;
		}
		try {
			MnistData data = this.mnist.load();
			this.status = Status.READY;
			return data;
		}
		catch (IOException | RuntimeException ex) {
			this.failure = ex.getMessage();
			this.status = Status.FAILED;
			throw ex;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void fetchOnStartup() {
		if (this.properties.fetchOnStartup()) {
			fetchInBackground();
		}
	}

	/**
	 * Starts fetching and reading the data on a thread of its own, unless that is under
	 * way or done; for callers that must not wait.
	 */
	public void fetchInBackground() {
		if (this.status != Status.READY && this.background.compareAndSet(false, true)) {
			Thread thread = new Thread(this::fetchQuietly, "descent-mnist-fetch");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void fetchQuietly() {
		try {
			load();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot fetch MNIST yet; jobs will try again: {}", ex.getMessage());
		}
		finally {
			this.background.set(false);
		}
	}

	/**
	 * @return whether the four verified files are on disk or the data is loaded
	 */
	public boolean isAvailable() {
		return this.mnist.isAvailable();
	}

	public Status status() {
		return this.status;
	}

	/**
	 * @return why the last attempt failed, {@code null} unless {@link #status()} is
	 * FAILED
	 */
	public String failure() {
		return (this.status == Status.FAILED) ? this.failure : null;
	}

}
