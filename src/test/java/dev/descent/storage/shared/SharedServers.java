package dev.descent.storage.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One PostgreSQL server and one S3Proxy server for the whole test JVM, started when first
 * asked for and stopped by a shutdown hook: each test class takes a fresh database
 * ({@link #database}) and a fresh key prefix ({@link #blobs}), never another's.
 */
public final class SharedServers {

	private static PostgresServer postgres;

	private static S3ProxyServer s3;

	private static S3Client client;

	private SharedServers() {
	}

	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			try {
				postgres = PostgresServer.launch();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start PostgreSQL", ex);
			}
			closeOnExit(postgres);
		}
		return postgres;
	}

	public static synchronized S3ProxyServer s3() {
		if (s3 == null) {
			try {
				s3 = S3ProxyServer.launch();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start S3Proxy", ex);
			}
			closeOnExit(s3);
		}
		return s3;
	}

	/**
	 * @return a client of {@link #s3()} with its keys, shared by the tests
	 */
	public static synchronized S3Client s3Client() {
		if (client == null) {
			client = client(s3());
		}
		return client;
	}

	/**
	 * @return a new client of {@code server}, with its keys
	 */
	public static S3Client client(S3ProxyServer server) {
		return S3Clients.create(new S3Properties(server.endpoint(), server.bucket(), "", "us-east-1", true),
				StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())));
	}

	/**
	 * @return the keys of {@link #s3()}
	 */
	public static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3().accessKey(), s3().secretKey()));
	}

	/**
	 * @param prefix the key prefix
	 * @return the properties of {@link #s3()}'s bucket, as application.yml would give
	 * them
	 */
	public static S3Properties s3Properties(String prefix) {
		return new S3Properties(s3().endpoint(), s3().bucket(), prefix, "us-east-1", true);
	}

	/**
	 * @param store the store named in failures
	 * @return blobs under a prefix no other call gets (ending in {@code /})
	 */
	public static Blobs blobs(String store) {
		return new Blobs(s3Client(), s3().bucket(), "test-" + UUID.randomUUID() + "/", store);
	}

	/**
	 * @param name the start of the database's name
	 * @return a new database on {@link #postgres()}, migrated by the application's Flyway
	 * scripts, with its own connection pool
	 */
	public static TestDatabase database(String name) {
		return TestDatabase.create(postgres().createDatabase(name), postgres().username(), postgres().password());
	}

	private static void closeOnExit(AutoCloseable server) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (Exception ex) {
				System.err.println("Cannot stop " + server + ": " + ex);
			}
		}, "stop-" + server.getClass().getSimpleName()));
	}

}
