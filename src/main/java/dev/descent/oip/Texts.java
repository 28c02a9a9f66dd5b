package dev.descent.oip;

/** How the protocol's error messages show what a client sent. */
final class Texts {

	/** The most characters of a client's name echoed in a message. */
	private static final int ECHOED = 64;

	private Texts() {
	}

	/**
	 * @return {@code 'text'}, control characters escaped, cut after 64 characters
	 */
	static String quoted(String text) {
		StringBuilder out = new StringBuilder("'");
		int end = Math.min(text.length(), ECHOED);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append((text.length() > ECHOED) ? "...'" : "'").toString();
	}

	/** A value as a client would write it: 3 rather than 3.0 for an integer. */
	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

}
