package dev.descent.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits of the web layer ({@code descent.limits.*}).
 *
 * @param maxBodySize the largest request body accepted, data set uploads excepted (they
 * have their own limits); larger ones answer 413 before they are read. A 784-pixel
 * predict request is 2 to 15 KB; the default leaves room for a full batch of 1000 images
 * written with up to ten characters a pixel, and no more.
 */
@ConfigurationProperties("descent.limits")
public record LimitsProperties(@DefaultValue("8MB") DataSize maxBodySize) {

	public LimitsProperties {
		if (maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException("descent.limits.max-body-size must be positive");
		}
	}

}
