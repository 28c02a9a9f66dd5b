package dev.descent.sweeps;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hyperparameter sweeps ({@code descent.sweeps.*}).
 *
 * @param maxTrials the most trials one sweep may ask for (a grid's size included)
 * @param maxParallelTrials the most trials one sweep may have queued or running at once
 */
@ConfigurationProperties("descent.sweeps")
@Validated
public record SweepsProperties(@DefaultValue("100") @Min(1) @Max(10000) int maxTrials,
		@DefaultValue("16") @Min(1) @Max(64) int maxParallelTrials) {

}
