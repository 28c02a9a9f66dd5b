package dev.descent.jobs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import dev.descent.data.DataSet;
import dev.descent.datasets.DatasetNotFoundException;
import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.TrainingData;
import dev.descent.engine.Activation;
import dev.descent.engine.Checkpoint;
import dev.descent.engine.Cost;
import dev.descent.engine.EpochListener;
import dev.descent.engine.Init;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.Optimizer;
import dev.descent.engine.Optimizers;
import dev.descent.engine.Trainer;
import dev.descent.engine.TrainingCancelledException;
import dev.descent.engine.TrainingConfig;
import dev.descent.engine.TrainingResult;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs one job's training on the calling thread and registers the trained network as a
 * new version of the job's model.
 */
@Component
class JobTrainer {

	private final DatasetProvider datasets;

	private final ModelRepository models;

	private final int defaultThreads;

	@Autowired
	JobTrainer(DatasetProvider datasets, ModelRepository models, JobsProperties properties) {
		this(datasets, models, properties.defaultThreads());
	}

	/** A trainer whose jobs run on one thread unless they ask for more. */
	JobTrainer(DatasetProvider datasets, ModelRepository models) {
		this(datasets, models, 1);
	}

	private JobTrainer(DatasetProvider datasets, ModelRepository models, int defaultThreads) {
		this.datasets = datasets;
		this.models = models;
		this.defaultThreads = defaultThreads;
	}

	/**
	 * @param job a running job; its request is the effective one
	 * @param checkpoint the checkpoint of the job's last finished epoch to resume from,
	 * {@code null} to train from the start
	 * @param run its stop check is made every mini-batch; once training is over the run
	 * is switched to registering, after which it can no longer be stopped
	 * @param listener told of every epoch
	 * @return the registered version
	 * @throws TrainingCancelledException when the run was stopped
	 * @throws JobFailedException when the data cannot be read or the model not stored
	 */
	ModelRef train(Job job, Checkpoint checkpoint, JobRun run, EpochListener listener) {
		JobRequest request = job.request();
		TrainingData data = loadData(request.dataset());
		TrainingConfig config = configOf(request);
		Trainer trainer = new Trainer(config, (request.threads() != null) ? request.threads() : this.defaultThreads);
		int held = request.validationSize();
		DataSet training = data.training().first(Math.min(request.trainingLimit(), data.training().size() - held));
		DataSet validation = (held > 0) ? data.training().last(held) : null;
		TrainingResult result = (checkpoint != null)
				? trainer.resume(checkpoint, training, validation, data.test(), listener, run.stopCheck())
				: trainer.train(training, validation, data.test(), listener, run.stopCheck());
		if (!run.beginRegistering()) {
			throw new TrainingCancelledException(result.history().size());
		}
		TrainingProvenance provenance = new TrainingProvenance(job.id(), request.cost(), request.init(),
				request.optimizer(), settings(config), request.batchSize(), request.epochs(), request.l2(),
				request.seed(), request.trainingLimit(), request.earlyStopping(), result.history(), request.dataset(),
				data.checksums());
		try {
			return this.models.register(request.model(), result.network(), provenance);
		}
		catch (IOException ex) {
			throw new JobFailedException("the trained model could not be stored", ex);
		}
	}

	private TrainingData loadData(String dataset) {
		try {
			return this.datasets.load(dataset);
		}
		catch (IOException ex) {
			String what = "mnist".equals(dataset) ? "MNIST" : "data set " + dataset;
			throw new JobFailedException(what + " is unavailable: " + ex.getMessage(), ex);
		}
		catch (DatasetNotFoundException ex) {
			throw new JobFailedException("data set " + dataset + " no longer exists", ex);
		}
	}

	/**
	 * @return the optimiser's settings as a version records them, with
	 * {@code learningRateDecay} beside {@code learningRate} when the rate decays
	 */
	static Map<String, Double> settings(TrainingConfig config) {
		Map<String, Double> settings = new HashMap<>(config.optimizer().settings());
		if (config.learningRateDecay() != 1.0) {
			settings.put("learningRateDecay", config.learningRateDecay());
		}
		return settings;
	}

	/**
	 * @param request an effective, validated request (one recorded before the field
	 * existed has no learning-rate decay: a constant rate)
	 * @return the engine's configuration for it
	 */
	static TrainingConfig configOf(JobRequest request) {
		int[] layers = request.layers().stream().mapToInt(Integer::intValue).toArray();
		NetworkSpec spec = new NetworkSpec(layers, Activation.fromId(request.hiddenActivation()),
				Activation.fromId(request.outputActivation()));
		Optimizer optimizer = Optimizers.create(request.optimizer(), request.learningRate(), Map.of("momentum",
				request.momentum(), "beta1", request.beta1(), "beta2", request.beta2(), "epsilon", request.epsilon()));
		return new TrainingConfig(spec, Init.fromId(request.init()), Cost.fromId(request.cost()), optimizer,
				request.epochs(), request.batchSize(), request.l2(), request.seed(), request.earlyStopping(),
				(request.learningRateDecay() != null) ? request.learningRateDecay() : 1.0);
	}

}
