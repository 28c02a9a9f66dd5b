package dev.descent.storage.shared;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared backend's object store ({@code descent.storage.s3.*}), bound only when
 * {@code descent.storage.kind=shared}. Credentials are not here: the AWS SDK's default
 * provider chain finds them ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY},
 * system properties, a profile, a role).
 *
 * @param endpoint the S3 API's address, for example {@code http://minio:9000}; absent for
 * AWS itself (the region's endpoint)
 * @param bucket the bucket holding every blob; it must exist. Required with the shared
 * kind: checked when the backend starts (the record is bound in every mode, by the
 * application's properties scan, so it cannot require it itself)
 * @param prefix prepended to every key ({@code descent/} puts everything under that
 * folder), empty by default; no leading slash
 * @param region the region the client signs for; {@code us-east-1} by default, which
 * MinIO and Ceph accept
 * @param pathStyle whether to address the bucket in the path
 * ({@code endpoint/bucket/key}, what MinIO, Ceph and S3Proxy need) rather than the host
 * name; true by default
 */
@ConfigurationProperties("descent.storage.s3")
@Validated
public record S3Properties(URI endpoint, String bucket,
		@DefaultValue("") @Pattern(regexp = "([^/].*)?", message = "must not start with /") String prefix,
		@DefaultValue("us-east-1") @NotBlank String region, @DefaultValue("true") boolean pathStyle) {

	/**
	 * @return these properties, refused when the shared backend cannot use them
	 * @throws IllegalStateException naming the missing property
	 */
	public S3Properties requireBucket() {
		if (this.bucket == null || this.bucket.isBlank()) {
			throw new IllegalStateException("descent.storage.s3.bucket must be set when descent.storage.kind=shared");
		}
		return this;
	}

}
