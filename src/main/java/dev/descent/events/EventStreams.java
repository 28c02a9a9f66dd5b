package dev.descent.events;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Event streams. No thread waits per client: a stream is an
 * {@link SseEmitter} (an async request) and a feed; when a feature says that something
 * changed ({@link #changed}), each stream of that topic is drained on one shared thread,
 * which reads the feature's current records through the feed and writes what the client
 * has not had yet. The training threads that report changes never write to a socket. A
 * heartbeat comment keeps idle streams open; streams end when their feed has sent its
 * last event, at the timeout (the client reconnects with {@code Last-Event-ID}) and when
 * the service stops.
 */
@Component
@EnableConfigurationProperties(EventsProperties.class)
public class EventStreams implements SmartLifecycle {

	private final EventsProperties properties;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	/** Made anew by every {@link #start}: a stopped context may be started again. */
	private volatile ScheduledExecutorService sender;

	private volatile boolean running;

	EventStreams(EventsProperties properties) {
		this.properties = properties;
	}

	/**
	 * Opens a stream that sends {@code feed}'s events, starting with those already there.
	 * @param topic what the stream follows, e.g. "jobs/j-1": {@link #changed} with it
	 * makes the stream send what is new
	 */
	public SseEmitter open(String topic, EventFeed feed) {
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		Stream stream = new Stream(topic, feed, emitter);
		emitter.onCompletion(() -> this.streams.remove(stream));
		emitter.onTimeout(() -> stream.close(true));
		emitter.onError((ex) -> stream.close(false));
		this.streams.add(stream);
		if (!this.running) {
			stream.close(true);
		}
		stream.poke();
		return emitter;
	}

	/**
	 * Tells the streams of {@code topic} that their feed may have new events; returns at
	 * once.
	 */
	public void changed(String topic) {
		for (Stream stream : this.streams) {
			if (stream.topic.equals(topic)) {
				stream.poke();
			}
		}
	}

	/**
	 * @return how many streams are open
	 */
	public int openStreams() {
		return this.streams.size();
	}

	@Override
	public void start() {
		this.sender = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "descent-events");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.heartbeat().toMillis();
		this.sender.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	/** Ends every stream, so that a graceful shutdown does not wait for them. */
	@Override
	public void stop() {
		this.running = false;
		this.streams.forEach((stream) -> stream.close(true));
		this.sender.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void heartbeat() {
		this.streams.forEach(Stream::heartbeat);
	}

	private final class Stream {

		private final String topic;

		private final EventFeed feed;

		private final SseEmitter emitter;

		private final AtomicBoolean scheduled = new AtomicBoolean();

		private volatile boolean closed;

		Stream(String topic, EventFeed feed, SseEmitter emitter) {
			this.topic = topic;
			this.feed = feed;
			this.emitter = emitter;
		}

		void poke() {
			if (!this.closed && this.scheduled.compareAndSet(false, true)) {
				try {
					EventStreams.this.sender.execute(this::drain);
				}
				catch (RuntimeException ex) {
					close(true); // the sender has shut down
				}
			}
		}

		/**
		 * Runs on the sender thread only, so one stream's events are written in order.
		 */
		private void drain() {
			this.scheduled.set(false);
			if (this.closed) {
				return;
			}
			try {
				for (ServerEvent event : this.feed.next()) {
					SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event.name());
					if (event.id() != null) {
						builder.id(event.id());
					}
					this.emitter.send(builder.data(event.data(), MediaType.APPLICATION_JSON));
				}
				if (this.feed.finished()) {
					close(true);
				}
			}
			catch (IOException | RuntimeException ex) {
				close(false); // the client went away, or the feed's records did
			}
		}

		private void heartbeat() {
			if (this.closed) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | RuntimeException ex) {
				close(false);
			}
		}

		void close(boolean complete) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			EventStreams.this.streams.remove(this);
			if (complete) {
				this.emitter.complete();
			}
		}

	}

}
