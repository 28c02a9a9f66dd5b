package dev.descent.storage;

/**
 * Whether a store can serve reads and writes now, as its health indicator reports it.
 *
 * @param available true when reads and writes can be served
 * @param reason why not, fit for a health detail (no path, host or password); null when
 * available
 */
public record StoreAvailability(boolean available, String reason) {

	private static final StoreAvailability UP = new StoreAvailability(true, null);

	public static StoreAvailability up() {
		return UP;
	}

	public static StoreAvailability down(String reason) {
		return new StoreAvailability(false, reason);
	}

}
