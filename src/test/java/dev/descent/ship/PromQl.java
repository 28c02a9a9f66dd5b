package dev.descent.ship;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the metric names a PromQL expression (or a Grafana {@code label_values(...)}
 * query) selects. Good enough for dashboard queries: it removes string literals, label
 * matchers, range and subquery brackets, grouping clauses and the label argument of
 * {@code label_values}, then keeps the identifiers that are not function calls or
 * keywords.
 */
final class PromQl {

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern LABEL_VALUES_LABEL = Pattern.compile("(label_values\\s*\\([^,)]*),[^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String stripped = STRINGS.matcher(expression).replaceAll(" ");
		stripped = LABEL_VALUES_LABEL.matcher(stripped).replaceAll("$1)");
		stripped = MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGES.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group();
			boolean call = stripped.substring(identifier.end()).stripLeading().startsWith("(");
			char before = (identifier.start() > 0) ? stripped.charAt(identifier.start() - 1) : ' ';
			boolean partOfOther = before == '$' || before == '.' || Character.isDigit(before);
			if (!call && !partOfOther && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
