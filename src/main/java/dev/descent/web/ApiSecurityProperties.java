package dev.descent.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API ({@code descent.security.*}). Keys are given either as plain
 * values ({@code api-keys}, {@code read-keys}: comma-separated, so
 * {@code DESCENT_SECURITY_API_KEYS=k1,k2} works; blank entries ignored), named
 * {@code api-key-1}, {@code api-key-2}... and {@code read-key-1}... in their list's
 * order, or with a name of their own ({@code keys[0].name}, {@code keys[0].value},
 * {@code keys[0].read-only}). A key's name is what the alias history records as who made
 * a move. With no key at all the API is open to anyone who can reach it.
 *
 * @param apiKeys keys with full access: they may change state (start or cancel jobs,
 * delete versions, move aliases, upload data sets) and read
 * @param readKeys keys that may only read; a write with one of them answers 403
 * @param keys named keys, each full access unless {@code read-only}
 * @param protectReads whether reads (GET and POST /predict) need a key too; by default
 * they are open
 */
@ConfigurationProperties("descent.security")
public record ApiSecurityProperties(@DefaultValue List<String> apiKeys, @DefaultValue List<String> readKeys,
		@DefaultValue List<NamedKey> keys, @DefaultValue("false") boolean protectReads) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	public ApiSecurityProperties {
		apiKeys = withoutBlanks(apiKeys);
		readKeys = withoutBlanks(readKeys);
		keys = (keys != null) ? List.copyOf(keys) : List.of();
		checkNames(named(apiKeys, readKeys, keys));
	}

	/**
	 * A key with a name.
	 *
	 * @param name how the key is known, e.g. in the alias history: 1-64 of letters,
	 * digits, '.', '_', '@', '-'; unique
	 * @param value the secret presented as {@code Authorization: Bearer <value>}
	 * @param readOnly whether the key may only read
	 */
	public record NamedKey(String name, String value, @DefaultValue("false") boolean readOnly) {

		@Override
		public String toString() {
			return "NamedKey[name=" + this.name + ", readOnly=" + this.readOnly + "]";
		}

	}

	/** Whether any key is configured, i.e. whether the API is protected at all. */
	public boolean keysConfigured() {
		return !allKeys().isEmpty();
	}

	/**
	 * @return every key with its name: the plain ones named by list and position, then
	 * the named ones
	 */
	public List<NamedKey> allKeys() {
		return named(this.apiKeys, this.readKeys, this.keys);
	}

	private static List<NamedKey> named(List<String> apiKeys, List<String> readKeys, List<NamedKey> keys) {
		List<NamedKey> all = new ArrayList<>();
		for (int i = 0; i < apiKeys.size(); i++) {
			all.add(new NamedKey("api-key-" + (i + 1), apiKeys.get(i), false));
		}
		for (int i = 0; i < readKeys.size(); i++) {
			all.add(new NamedKey("read-key-" + (i + 1), readKeys.get(i), true));
		}
		all.addAll(keys);
		return all;
	}

	private static void checkNames(List<NamedKey> keys) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			NamedKey key = keys.get(i);
			if (key.name() == null || !NAME.matcher(key.name()).matches()) {
				throw new IllegalArgumentException("descent.security.keys: every key needs a name of 1-64 letters, "
						+ "digits, '.', '_', '@' or '-', starting with a letter or digit");
			}
			if (!seen.add(key.name())) {
				throw new IllegalArgumentException("descent.security.keys: the name '" + key.name()
						+ "' is given to two keys (plain keys are named api-key-N and read-key-N)");
			}
			if (key.value() == null || key.value().isBlank()) {
				throw new IllegalArgumentException("descent.security.keys: key '" + key.name() + "' has no value");
			}
		}
	}

	private static List<String> withoutBlanks(List<String> keys) {
		return (keys != null) ? keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList() : List.of();
	}

	@Override
	public String toString() {
		return "ApiSecurityProperties[apiKeys=" + this.apiKeys.size() + " keys, readKeys=" + this.readKeys.size()
				+ " keys, keys=" + this.keys + ", protectReads=" + this.protectReads + "]";
	}

}
