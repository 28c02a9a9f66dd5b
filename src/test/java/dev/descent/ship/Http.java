package dev.descent.ship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP and JSON for tests that talk to a running service or Prometheus, and bounded
 * polling.
 */
final class Http {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> postJson(String url, Object body) throws IOException, InterruptedException {
		String text = this.json.writeValueAsString(body);
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> json(HttpResponse<String> response) {
		return this.json.readValue(response.body(), Map.class);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Calls {@code attempt} until it returns a non-null value or {@code limit} has
	 * passed; an exception or failed assertion in an attempt counts as "not yet" and is
	 * reported if the limit passes. The limit only keeps a broken run from hanging: it is
	 * never an assertion about speed.
	 */
	static <T> T poll(String what, Duration limit, Callable<T> attempt) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		Object last = null;
		while (true) {
			try {
				T result = attempt.call();
				if (result != null) {
					return result;
				}
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception | AssertionError ex) {
				last = ex;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Gave up waiting for " + what + " after " + limit
						+ ((last != null) ? "; last failure: " + last : ""));
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

}
