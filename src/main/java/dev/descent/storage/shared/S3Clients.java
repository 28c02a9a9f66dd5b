package dev.descent.storage.shared;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the shared backend's S3 client: the JDK's HTTP client (blocking calls only, no
 * Netty), short connection timeouts so that an unreachable object store answers 503 in
 * seconds, and checksums only where S3 requires them (the blobs carry their own SHA-256,
 * and S3-compatible servers do not all accept the SDK's trailing checksums).
 */
public final class S3Clients {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

	private S3Clients() {
	}

	/** A client whose credentials come from the SDK's default provider chain. */
	public static S3Client create(S3Properties properties) {
		return create(properties, DefaultCredentialsProvider.builder().build());
	}

	public static S3Client create(S3Properties properties, AwsCredentialsProvider credentials) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(
					UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT))
			.region(Region.of(properties.region()))
			.credentialsProvider(credentials)
			.forcePathStyle(properties.pathStyle())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

}
