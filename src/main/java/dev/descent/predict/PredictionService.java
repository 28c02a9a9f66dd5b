package dev.descent.predict;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.descent.engine.Network;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * Answers predictions from the repository's versions. Resolving a version reads the
 * repository's memory only, so a newly registered version or a moved alias is used by the
 * next request; networks are loaded once and cached. Counts predictions
 * ({@code descent.predictions{model,version}}) and times requests
 * ({@code descent.prediction{model,version}}, with a histogram).
 */
@Service
public class PredictionService {

	private final ModelRepository repository;

	private final MeterRegistry registry;

	private final NetworkCache cache;

	private final Map<ModelRef, Meters> meters = new ConcurrentHashMap<>();

	/** Built once here, not as two new lambdas on every request. */
	private final Function<ModelRef, Meters> newMeters = this::meters;

	private final Function<ModelRef, Network> loader;

	public PredictionService(ModelRepository repository, MeterRegistry registry, PredictProperties properties) {
		this.repository = repository;
		this.registry = registry;
		this.cache = new NetworkCache(properties.cacheSize());
		this.loader = (ref) -> repository.load(ref.name(), ref.version());
	}

	/**
	 * @param model a model name
	 * @param version a version, or null
	 * @param alias an alias, or null (not both; neither means the production alias, else
	 * the latest version)
	 * @param inputs images of 784 grey values in [0,1], already validated; not modified
	 * @throws dev.descent.models.ModelNotFoundException for an unknown model, version or
	 * alias
	 * @throws dev.descent.models.CorruptModelException when the version cannot be served
	 */
	public Prediction predict(String model, Integer version, String alias, double[][] inputs) {
		ModelRef ref = this.repository.resolve(model, version, alias);
		Meters meters = this.meters.computeIfAbsent(ref, this.newMeters);
		long start = System.nanoTime();
		Network network = this.cache.get(ref, this.loader);
		double[][] outputs = network.predict(inputs);
		meters.timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		meters.counter.increment(inputs.length);
		return new Prediction(ref, outputs);
	}

	private Meters meters(ModelRef ref) {
		String version = Integer.toString(ref.version());
		Counter counter = Counter.builder("descent.predictions")
			.description("Images classified")
			.tag("model", ref.name())
			.tag("version", version)
			.register(this.registry);
		Timer timer = Timer.builder("descent.prediction")
			.description("Time to answer a prediction request, model loading included")
			.tag("model", ref.name())
			.tag("version", version)
			.publishPercentileHistogram()
			.register(this.registry);
		return new Meters(counter, timer);
	}

	private record Meters(Counter counter, Timer timer) {

	}

}
