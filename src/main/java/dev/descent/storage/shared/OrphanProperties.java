package dev.descent.storage.shared;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared backend's sweep of orphan blobs ({@code descent.storage.orphans.*}): blobs
 * written by a publication that never recorded them (a crash between blob and row).
 *
 * @param grace how old an unreferenced blob must be before it is deleted, longer than any
 * upload takes (one in progress is unreferenced too); 1 hour by default
 * @param interval how often each replica sweeps; 15 minutes by default
 */
@ConfigurationProperties("descent.storage.orphans")
@Validated
public record OrphanProperties(@DefaultValue("1h") @NotNull Duration grace,
		@DefaultValue("15m") @NotNull Duration interval) {

}
