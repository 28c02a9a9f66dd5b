package dev.descent.web;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key presented as {@code Authorization: Bearer <key>}: unauthenticated as read
 * from the request, authenticated (with the key's roles and without the key) once
 * checked. The principal is a label such as {@code api-key-1}, never the key.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String principal;

	private String key;

	private ApiKeyAuthentication(String principal, String key, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.principal = principal;
		this.key = key;
		setAuthenticated(key == null);
	}

	static ApiKeyAuthentication unauthenticated(String key) {
		return new ApiKeyAuthentication("unchecked-key", key, List.of());
	}

	static ApiKeyAuthentication authenticated(String label, Collection<? extends GrantedAuthority> authorities) {
		return new ApiKeyAuthentication(label, null, authorities);
	}

	@Override
	public Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.key = null;
	}

}
