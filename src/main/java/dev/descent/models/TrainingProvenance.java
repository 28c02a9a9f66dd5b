package dev.descent.models;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.descent.engine.EpochResult;

/**
 * Where a model version came from, recorded in its metadata: the job, every
 * hyperparameter, the seed, the per-epoch history and the data it was trained and tested
 * on; or, for a version imported from a file rather than trained here, that file.
 *
 * @param jobId the job that trained it
 * @param cost "quadratic" or "cross-entropy"
 * @param init "normal" or "scaled"
 * @param optimizer the update rule's name and settings, learningRate included
 * @param optimizerName "sgd", "momentum" or "adam"
 * @param batchSize m
 * @param epochs epochs requested
 * @param l2 λ
 * @param seed the seed used
 * @param trainingLimit training images used
 * @param earlyStopping patience, 0 = off
 * @param history one entry per epoch run
 * @param datasetName the data set's name ("mnist" unless uploaded)
 * @param datasetChecksums SHA-256 of each of the data set's files, by file name
 * @param importedFrom the file an imported version was read from (every training field is
 * then empty), null for a version trained here
 */
public record TrainingProvenance(String jobId, String cost, String init, String optimizerName,
		Map<String, Double> optimizer, int batchSize, int epochs, double l2, long seed, int trainingLimit,
		int earlyStopping, List<EpochResult> history, String datasetName, Map<String, String> datasetChecksums,
		ImportedFrom importedFrom) {

	public TrainingProvenance {
		optimizer = Map.copyOf(optimizer);
		history = List.copyOf(history);
		datasetChecksums = Map.copyOf(datasetChecksums);
	}

	/** The provenance of a version trained here. */
	public TrainingProvenance(String jobId, String cost, String init, String optimizerName,
			Map<String, Double> optimizer, int batchSize, int epochs, double l2, long seed, int trainingLimit,
			int earlyStopping, List<EpochResult> history, String datasetName, Map<String, String> datasetChecksums) {
		this(jobId, cost, init, optimizerName, optimizer, batchSize, epochs, l2, seed, trainingLimit, earlyStopping,
				history, datasetName, datasetChecksums, null);
	}

	/**
	 * @return the provenance of a version read from a file: no job, no training settings,
	 * no history
	 */
	public static TrainingProvenance imported(ImportedFrom file) {
		return new TrainingProvenance(null, null, null, null, Map.of(), 0, 0, 0.0, 0L, 0, 0, List.of(), null, Map.of(),
				Objects.requireNonNull(file, "file"));
	}

	/**
	 * @return whether the version was imported rather than trained here
	 */
	public boolean isImported() {
		return this.importedFrom != null;
	}

	/**
	 * @return the test accuracy after the last epoch, 0 with no history
	 */
	public double accuracy() {
		return this.history.isEmpty() ? 0.0 : this.history.get(this.history.size() - 1).accuracy();
	}

}
