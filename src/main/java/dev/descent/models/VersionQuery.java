package dev.descent.models;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A search of a model's versions ({@code GET /models/{name}/versions?tag=stage:candidate
 * &minAccuracy=0.97&sort=-accuracy}): every {@code tag} must match, the accuracy must be
 * at least {@code minAccuracy}, and the result is ordered by one field, ascending or with
 * a leading '-' descending. Versions without the sort field's value come last.
 *
 * @param tags key to the value it must have
 * @param minAccuracy the least accuracy, null for any (versions without one included)
 * @param sort the field to order by
 * @param descending whether the order is descending
 */
public record VersionQuery(Map<String, String> tags, Double minAccuracy, String sort, boolean descending) {

	/** The fields a search can be sorted by, and how each is read. */
	private static final Map<String, Function<ModelVersion, Comparable<?>>> SORTS = Map.of("version",
			ModelVersion::version, "accuracy", ModelVersion::accuracy, "createdAt", (v) -> v.metadata().createdAt());

	/** Every version, oldest first. */
	public static final VersionQuery ALL = new VersionQuery(Map.of(), null, "version", false);

	/**
	 * @param tags each {@code key:value}, may be null
	 * @param minAccuracy a number in [0, 1], may be null
	 * @param sort {@code version}, {@code accuracy} or {@code createdAt}, optionally with
	 * a leading '-'; may be null (by version)
	 * @throws InvalidModelRequestException naming {@code tag}, {@code minAccuracy} or
	 * {@code sort}
	 */
	public static VersionQuery parse(List<String> tags, String minAccuracy, String sort) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (String tag : (tags != null) ? tags : List.<String>of()) {
			int colon = tag.indexOf(':');
			if (colon < 0) {
				throw new InvalidModelRequestException("tag",
						"tag must be key:value, got '" + ModelNames.printable(tag) + "'");
			}
			wanted.put(Tags.requireKey(tag.substring(0, colon), "tag"),
					Tags.requireValue(tag.substring(colon + 1), "tag"));
		}
		String field = (sort != null) ? sort : "version";
		boolean descending = field.startsWith("-");
		field = descending ? field.substring(1) : field;
		if (!SORTS.containsKey(field)) {
			throw new InvalidModelRequestException("sort", "sort must be one of version, accuracy, createdAt, "
					+ "with a leading '-' for descending, got '" + ModelNames.printable(sort) + "'");
		}
		return new VersionQuery(wanted, parseAccuracy(minAccuracy), field, descending);
	}

	private static Double parseAccuracy(String text) {
		if (text == null) {
			return null;
		}
		try {
			double value = Double.parseDouble(text);
			if (value >= 0.0 && value <= 1.0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidModelRequestException("minAccuracy",
				"minAccuracy must be a number in [0, 1], got '" + ModelNames.printable(text) + "'");
	}

	/**
	 * @return the versions that match, in order
	 */
	List<ModelVersion> apply(List<ModelVersion> versions) {
		return versions.stream().filter(this::matches).sorted(order()).toList();
	}

	private boolean matches(ModelVersion version) {
		if (this.minAccuracy != null && (version.accuracy() == null || version.accuracy() < this.minAccuracy)) {
			return false;
		}
		return this.tags.entrySet().stream().allMatch((tag) -> tag.getValue().equals(version.tags().get(tag.getKey())));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Comparator<ModelVersion> order() {
		Function<ModelVersion, Comparable> key = (Function) SORTS.get(this.sort);
		Comparator<Comparable> values = this.descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
		return Comparator.comparing(key, Comparator.nullsLast(values)).thenComparing(ModelVersion::version);
	}

}
