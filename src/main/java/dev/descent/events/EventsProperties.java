package dev.descent.events;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-Sent Event streams ({@code descent.events.*}).
 *
 * @param heartbeat how often an idle stream sends a comment line, so that proxies keep it
 * open and a client that went away is noticed
 * @param timeout how long one stream stays open at most; a client reconnects with
 * {@code Last-Event-ID} and misses nothing (EventSource does so by itself)
 */
@ConfigurationProperties("descent.events")
@Validated
public record EventsProperties(@DefaultValue("15s") @NotNull Duration heartbeat,
		@DefaultValue("30m") @NotNull Duration timeout) {

}
