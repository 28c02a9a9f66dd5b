package dev.descent.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The command line's {@code --name value} and {@code --name=value} options. */
final class Options {

	private Options() {
	}

	/**
	 * @param names the options the command knows
	 * @return each option given, by name
	 * @throws IllegalArgumentException naming a bare argument, an unknown option or one
	 * without a value
	 */
	static Map<String, String> parse(String[] args, Set<String> names) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (!names.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name);
			}
			values.put(name, value);
		}
		return values;
	}

}
