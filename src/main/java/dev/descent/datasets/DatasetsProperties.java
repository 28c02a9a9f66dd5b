package dev.descent.datasets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on uploaded data sets ({@code descent.datasets.*}).
 * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size} are set
 * from {@code maxUploadSize} in application.yml, so the servlet container refuses a
 * larger body before it is read.
 *
 * @param maxUploadSize the most bytes all the parts of one upload may hold together
 * @param maxExamples the most examples one uploaded file (training or test) may hold
 * @param cacheSize how many uploaded data sets are kept in memory once loaded for
 * training
 */
@ConfigurationProperties("descent.datasets")
@Validated
public record DatasetsProperties(@DefaultValue("200MB") DataSize maxUploadSize,
		@DefaultValue("250000") @Positive @Max(1_000_000) int maxExamples, @DefaultValue("2") @Positive int cacheSize) {

	public DatasetsProperties {
		if (maxUploadSize.toBytes() <= 0) {
			throw new IllegalArgumentException("descent.datasets.max-upload-size must be positive");
		}
	}

}
