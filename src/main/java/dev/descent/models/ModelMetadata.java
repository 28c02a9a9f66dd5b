package dev.descent.models;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.engine.Activation;
import dev.descent.engine.EpochResult;
import dev.descent.engine.NetworkSpec;

/**
 * A version's {@code model.json}: the architecture, every training setting and where the
 * version came from (docs/model-format.md). Fields are boxed so that a file missing one
 * is detected by {@link #missingField()} rather than read as 0.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param weightsSha256 lower-case hex SHA-256 of {@code weights.bin}
 * @param importedFrom the file an imported version was read from, absent (and not
 * written) for a version trained here; an imported version has no job, training settings,
 * history, accuracy or data set
 */
public record ModelMetadata(Integer formatVersion, String name, Integer version, Instant createdAt, String jobId,
		List<Integer> layers, String hiddenActivation, String outputActivation, String cost, String init,
		OptimizerInfo optimizer, Integer batchSize, Integer epochs, Double l2, Long seed, Integer trainingLimit,
		Integer earlyStopping, List<Epoch> history, Double accuracy, DatasetInfo dataset, String weightsSha256,
		@JsonInclude(JsonInclude.Include.NON_NULL) ImportedFrom importedFrom) {

	/** The format this code writes and reads. */
	public static final int FORMAT_VERSION = 1;

	static ModelMetadata of(String name, int version, NetworkSpec spec, TrainingProvenance p, String weightsSha256,
			Instant createdAt) {
		List<Integer> layers = Arrays.stream(spec.layers()).boxed().toList();
		if (p.isImported()) {
			return new ModelMetadata(FORMAT_VERSION, name, version, createdAt, null, layers, spec.hidden().id(),
					spec.output().id(), null, null, null, null, null, null, null, null, null, List.of(), null, null,
					weightsSha256, p.importedFrom());
		}
		List<Epoch> history = p.history().stream().map(Epoch::of).toList();
		return new ModelMetadata(FORMAT_VERSION, name, version, createdAt, p.jobId(), layers, spec.hidden().id(),
				spec.output().id(), p.cost(), p.init(), new OptimizerInfo(p.optimizerName(), p.optimizer()),
				p.batchSize(), p.epochs(), p.l2(), p.seed(), p.trainingLimit(), p.earlyStopping(), history,
				p.accuracy(), new DatasetInfo(p.datasetName(), p.datasetChecksums()), weightsSha256, null);
	}

	/**
	 * @return this metadata with the weights' SHA-256 set, as {@link ModelStore#publish}
	 * records it
	 */
	public ModelMetadata withWeightsSha256(String sha256) {
		return new ModelMetadata(this.formatVersion, this.name, this.version, this.createdAt, this.jobId, this.layers,
				this.hiddenActivation, this.outputActivation, this.cost, this.init, this.optimizer, this.batchSize,
				this.epochs, this.l2, this.seed, this.trainingLimit, this.earlyStopping, this.history, this.accuracy,
				this.dataset, sha256, this.importedFrom);
	}

	/**
	 * @return the architecture
	 * @throws IllegalArgumentException when the stored layers or activations are invalid
	 */
	NetworkSpec spec() {
		int[] sizes = this.layers.stream().mapToInt(Integer::intValue).toArray();
		return new NetworkSpec(sizes, Activation.fromId(this.hiddenActivation),
				Activation.fromId(this.outputActivation));
	}

	/**
	 * @return the name of the first required field that is absent, or null
	 */
	String missingField() {
		Object[] values = { this.formatVersion, this.name, this.version, this.layers, this.hiddenActivation,
				this.outputActivation, this.weightsSha256 };
		String[] names = { "formatVersion", "name", "version", "layers", "hiddenActivation", "outputActivation",
				"weightsSha256" };
		for (int i = 0; i < values.length; i++) {
			if (values[i] == null) {
				return names[i];
			}
		}
		return null;
	}

	/**
	 * The update rule: {@code {"name": "momentum", "learningRate": 0.5, "momentum":
	 * 0.9}}.
	 *
	 * @param name "sgd", "momentum" or "adam"
	 * @param settings learningRate and the rule's own settings, written beside the name
	 */
	public record OptimizerInfo(String name, @JsonAnySetter @JsonAnyGetter Map<String, Double> settings) {

		public OptimizerInfo {
			settings = (settings != null) ? new LinkedHashMap<>(settings) : new LinkedHashMap<>();
		}

		@Override
		@JsonAnyGetter
		public Map<String, Double> settings() {
			return this.settings;
		}

	}

	/** One finished epoch. */
	public record Epoch(int epoch, double cost, double accuracy, int correct, int total, double seconds) {

		static Epoch of(EpochResult r) {
			return new Epoch(r.epoch(), r.cost(), r.accuracy(), r.correct(), r.total(), r.seconds());
		}

	}

	/**
	 * @param checksums SHA-256 of each of the data set's files, by file name
	 */
	public record DatasetInfo(String name, Map<String, String> checksums) {

	}

}
