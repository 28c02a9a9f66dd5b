package dev.descent.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;

/**
 * A switch that makes stores behave as a backend does while its database or object store
 * is down: every call throws {@link StoreUnavailableException} and {@code availability()}
 * reports DOWN. Wraps a real store (the filesystem backend), which serves while the
 * switch is off. A double of descent's own store interfaces, not of PostgreSQL or S3.
 */
final class StoreOutage {

	private volatile boolean down;

	void begin() {
		this.down = true;
	}

	void end() {
		this.down = false;
	}

	/**
	 * @return {@code delegate} behind the switch
	 */
	<T> T wrap(Class<T> type, String store, T delegate) {
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
			if (this.down) {
				if (method.getName().equals("availability")) {
					return StoreAvailability.down("the " + store + " database cannot be reached");
				}
				throw new StoreUnavailableException(store, "the " + store + " database cannot be reached", null);
			}
			try {
				return method.invoke(delegate, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		});
		return type.cast(proxy);
	}

}
