package dev.descent.ship;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under {@code helm/descent} rendered by Helm's own library (helm-java), parsed
 * into one map per Kubernetes object.
 */
final class RenderedChart {

	static final Path CHART = Path.of("helm/descent");

	static final String RELEASE = "r";

	private final List<Map<String, Object>> objects;

	private RenderedChart(List<Map<String, Object>> objects) {
		this.objects = objects;
	}

	/** Renders with the given {@code --set} values (pairs of key and value). */
	static RenderedChart render(String... keysAndValues) {
		TemplateCommand template = new Helm(CHART).template().withName(RELEASE);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			template.set(keysAndValues[i], keysAndValues[i + 1]);
		}
		return new RenderedChart(Yaml2.loadAll(template.call()));
	}

	List<String> kinds() {
		return this.objects.stream().map((o) -> (String) o.get("kind")).sorted().collect(Collectors.toList());
	}

	Optional<Map<String, Object>> find(String kind) {
		List<Map<String, Object>> found = this.objects.stream().filter((o) -> kind.equals(o.get("kind"))).toList();
		if (found.size() > 1) {
			throw new AssertionError("More than one " + kind + ": " + found);
		}
		return found.stream().findFirst();
	}

	/** Every object of this kind (several Deployments, for one). */
	List<Map<String, Object>> all(String kind) {
		return this.objects.stream().filter((o) -> kind.equals(o.get("kind"))).toList();
	}

	Map<String, Object> get(String kind) {
		return find(kind).orElseThrow(() -> new AssertionError("No " + kind + " rendered; kinds: " + kinds()));
	}

	Map<String, Object> podSpec() {
		return Yaml2.map(Yaml2.get(get("Deployment"), "spec.template.spec"));
	}

	Map<String, Object> container() {
		List<Map<String, Object>> containers = Yaml2.maps(podSpec().get("containers"));
		if (containers.size() != 1) {
			throw new AssertionError("Expected one container, got " + containers);
		}
		return containers.get(0);
	}

	static String name(Map<String, Object> object) {
		return (String) Yaml2.get(object, "metadata.name");
	}

}
