package dev.descent.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API ({@code descent.security.*}). Both key lists bind from
 * comma-separated values, so {@code DESCENT_SECURITY_API_KEYS=k1,k2} works; blank entries
 * are ignored. With no key at all the API is open to anyone who can reach it.
 *
 * @param apiKeys keys with full access: they may change state (start or cancel jobs,
 * delete versions, move aliases, upload data sets) and read
 * @param readKeys keys that may only read; a write with one of them answers 403
 * @param protectReads whether reads (GET and POST /predict) need a key too; by default
 * they are open
 */
@ConfigurationProperties("descent.security")
public record ApiSecurityProperties(@DefaultValue List<String> apiKeys, @DefaultValue List<String> readKeys,
		@DefaultValue("false") boolean protectReads) {

	public ApiSecurityProperties {
		apiKeys = withoutBlanks(apiKeys);
		readKeys = withoutBlanks(readKeys);
	}

	/** Whether any key is configured, i.e. whether the API is protected at all. */
	public boolean keysConfigured() {
		return !this.apiKeys.isEmpty() || !this.readKeys.isEmpty();
	}

	private static List<String> withoutBlanks(List<String> keys) {
		return (keys != null) ? keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList() : List.of();
	}

	@Override
	public String toString() {
		return "ApiSecurityProperties[apiKeys=" + this.apiKeys.size() + " keys, readKeys=" + this.readKeys.size()
				+ " keys, protectReads=" + this.protectReads + "]";
	}

}
