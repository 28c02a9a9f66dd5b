package dev.descent.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard {@code ops/grafana/dashboards/descent.json}.
 */
final class Dashboard {

	static final Path FILE = Path.of("ops/grafana/dashboards/descent.json");

	private final Map<String, Object> json;

	private Dashboard(Map<String, Object> json) {
		this.json = json;
	}

	@SuppressWarnings("unchecked")
	static Dashboard load() throws IOException {
		return new Dashboard(JsonMapper.builder().build().readValue(Files.readString(FILE), Map.class));
	}

	Map<String, Object> json() {
		return this.json;
	}

	/** Every PromQL expression: panel targets and template-variable queries. */
	List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		for (Map<String, Object> panel : Yaml2.maps(this.json.get("panels"))) {
			for (Map<String, Object> target : Yaml2.maps(panel.get("targets"))) {
				expressions.add((String) target.get("expr"));
			}
		}
		for (Map<String, Object> variable : Yaml2.maps(Yaml2.get(this.json, "templating.list"))) {
			Object query = variable.get("query");
			expressions.add((String) ((query instanceof Map<?, ?>) ? Yaml2.get(query, "query") : query));
		}
		return expressions;
	}

	/** The metric names the dashboard queries, as Prometheus names them. */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		expressions().forEach((expression) -> names.addAll(PromQl.metricNames(expression)));
		return names;
	}

	/** The datasource uid of every panel, target and variable that names one. */
	Set<String> datasourceUids() {
		Set<String> uids = new TreeSet<>();
		collectDatasourceUids(this.json, uids);
		return uids;
	}

	private static void collectDatasourceUids(Object node, Set<String> uids) {
		if (node instanceof Map<?, ?> map) {
			if (map.get("datasource") instanceof Map<?, ?> datasource) {
				uids.add(String.valueOf(datasource.get("uid")));
			}
			map.values().forEach((value) -> collectDatasourceUids(value, uids));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> collectDatasourceUids(value, uids));
		}
	}

}
