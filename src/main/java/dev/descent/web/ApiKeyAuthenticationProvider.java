package dev.descent.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks a presented API key against the configured ones. Only SHA-256 digests of the
 * keys are kept; every digest is compared with {@link MessageDigest#isEqual} (constant
 * time) and the loop never stops early, so the time taken says nothing about which key,
 * or how much of one, matched. Full keys get {@code ROLE_WRITE} and {@code ROLE_READ},
 * read keys {@code ROLE_READ} only. The authenticated principal is the key's configured
 * name.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	static final String WRITE = "WRITE";

	static final String READ = "READ";

	private final List<Grant> grants = new ArrayList<>();

	ApiKeyAuthenticationProvider(ApiSecurityProperties properties) {
		List<GrantedAuthority> write = AuthorityUtils.createAuthorityList("ROLE_" + WRITE, "ROLE_" + READ);
		List<GrantedAuthority> read = AuthorityUtils.createAuthorityList("ROLE_" + READ);
		for (ApiSecurityProperties.NamedKey key : properties.allKeys()) {
			this.grants.add(new Grant(key.name(), sha256(key.value().strip()), key.readOnly() ? read : write));
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		byte[] presented = sha256((String) authentication.getCredentials());
		Grant match = null;
		for (Grant grant : this.grants) {
			if (MessageDigest.isEqual(grant.digest(), presented) && match == null) {
				match = grant;
			}
		}
		if (match == null) {
			throw new BadCredentialsException("The API key is not valid.");
		}
		return ApiKeyAuthentication.authenticated(match.label(), match.authorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private record Grant(String label, byte[] digest, List<GrantedAuthority> authorities) {

	}

}
