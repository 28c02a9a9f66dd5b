package dev.descent.metrics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training metrics ({@code descent.metrics.*}).
 *
 * @param recentJobs how many of the latest jobs keep their training series (one per epoch
 * for {@code descent.training.epoch.cost}), which bounds label cardinality
 */
@ConfigurationProperties("descent.metrics")
@Validated
public record MetricsProperties(@DefaultValue("20") @Min(1) @Max(1000) int recentJobs) {

}
