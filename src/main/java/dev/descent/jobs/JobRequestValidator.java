package dev.descent.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import jakarta.validation.ConstraintViolation;

import dev.descent.data.DataSet;
import dev.descent.datasets.DatasetProvider;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.TrainingConfig;

import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.Validator;

/**
 * The checks of a {@link JobRequest} that Bean Validation annotations cannot express: the
 * configured limits, finite numbers, names of costs, activations and optimisers, the
 * network's shape, and that the data set exists. Absent fields are not checked (their
 * defaults are valid).
 */
@Component
public class JobRequestValidator implements Validator {

	private static final List<String> COSTS = List.of("quadratic", "cross-entropy");

	private static final List<String> HIDDEN = List.of("sigmoid", "relu");

	private static final List<String> OUTPUT = List.of("sigmoid", "softmax");

	private static final List<String> INITS = List.of("normal", "scaled");

	private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");

	private final JobsProperties properties;

	private final DatasetProvider datasets;

	JobRequestValidator(JobsProperties properties, DatasetProvider datasets) {
		this.properties = properties;
		this.datasets = datasets;
	}

	/**
	 * Checks a request outside a web request, as {@code POST /jobs} would (Bean
	 * Validation annotations included), for the features that submit jobs themselves.
	 * @param annotations the Bean Validation validator
	 * @return the problems by field ({@code layers[0]}, {@code learningRate}...), in the
	 * order found; empty when a job would accept the request
	 */
	public Map<String, String> problems(JobRequest request, jakarta.validation.Validator annotations) {
		Map<String, String> problems = new LinkedHashMap<>();
		for (ConstraintViolation<JobRequest> violation : annotations.validate(request)) {
			String path = violation.getPropertyPath().toString().replace(".<list element>", "");
			problems.putIfAbsent(path, violation.getMessage());
		}
		MapBindingResult errors = new MapBindingResult(new HashMap<>(), "jobRequest");
		validate(request, errors);
		errors.getFieldErrors().forEach((error) -> problems.putIfAbsent(error.getField(), error.getDefaultMessage()));
		return problems;
	}

	@Override
	public boolean supports(Class<?> type) {
		return JobRequest.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		JobRequest request = (JobRequest) target;
		validateLayers(request.layers(), errors);
		if (request.epochs() != null && request.epochs() > this.properties.maxEpochs()) {
			reject(errors, "epochs", request.epochs(), "must be between 1 and " + this.properties.maxEpochs());
		}
		positive(errors, "learningRate", request.learningRate());
		positive(errors, "epsilon", request.epsilon());
		if (request.l2() != null && !(request.l2() >= 0.0 && Double.isFinite(request.l2()))) {
			reject(errors, "l2", request.l2(), "must be zero or positive and finite");
		}
		if (request.learningRateDecay() != null && !TrainingConfig.isLearningRateDecay(request.learningRateDecay())) {
			reject(errors, "learningRateDecay", request.learningRateDecay(), TrainingConfig.LEARNING_RATE_DECAY_RULE);
		}
		unitInterval(errors, "momentum", request.momentum());
		unitInterval(errors, "beta1", request.beta1());
		unitInterval(errors, "beta2", request.beta2());
		oneOf(errors, "cost", request.cost(), COSTS);
		oneOf(errors, "hiddenActivation", request.hiddenActivation(), HIDDEN);
		oneOf(errors, "outputActivation", request.outputActivation(), OUTPUT);
		oneOf(errors, "init", request.init(), INITS);
		oneOf(errors, "optimizer", request.optimizer(), OPTIMIZERS);
		if (request.dataset() != null && !errors.hasFieldErrors("dataset")
				&& !this.datasets.exists(request.dataset())) {
			reject(errors, "dataset", request.dataset(), "no data set has this name (see GET /datasets)");
		}
		validateTimeLimit(request.timeLimit(), errors);
		validateValidationSize(request, errors);
	}

	/** The validation set is held out of the training images, so it must leave some. */
	private void validateValidationSize(JobRequest request, Errors errors) {
		Integer validation = request.validationSize();
		if (validation == null || validation <= 0 || errors.hasFieldErrors("dataset")) {
			return;
		}
		String dataset = (request.dataset() != null) ? request.dataset() : "mnist";
		OptionalInt size;
		try {
			size = this.datasets.trainingSize(dataset);
		}
		catch (IOException ex) {
			return; // the data set cannot be read now: checked again when the job is
					// submitted
		}
		if (size.isPresent() && validation >= size.getAsInt()) {
			reject(errors, "validationSize", validation,
					"must be less than the " + size.getAsInt() + " training images of data set '" + dataset + "'");
		}
	}

	private void validateLayers(List<Integer> layers, Errors errors) {
		if (layers == null || layers.size() < 2 || layers.stream().anyMatch(Objects::isNull)) {
			return; // reported by the annotations
		}
		int last = layers.size() - 1;
		if (layers.get(0) != DataSet.IMAGE_SIZE) {
			reject(errors, "layers[0]", layers.get(0), "must be " + DataSet.IMAGE_SIZE + " (28×28 input pixels)");
		}
		if (layers.get(last) != DataSet.CLASSES) {
			reject(errors, "layers[" + last + "]", layers.get(last), "must be " + DataSet.CLASSES + " (one per digit)");
		}
		long parameters = NetworkSpec.parameterCount(layers.stream().mapToInt(Integer::intValue).toArray());
		if (parameters > this.properties.maxParameters()) {
			reject(errors, "layers", layers, "the network would have " + parameters
					+ " weights and biases, more than the maximum " + this.properties.maxParameters());
		}
	}

	private static void validateTimeLimit(String timeLimit, Errors errors) {
		if (timeLimit == null) {
			return;
		}
		try {
			Duration limit = Duration.parse(timeLimit);
			if (limit.isNegative() || limit.isZero()) {
				reject(errors, "timeLimit", timeLimit, "must be positive");
			}
		}
		catch (DateTimeParseException ex) {
			reject(errors, "timeLimit", timeLimit, "must be an ISO-8601 duration such as PT5M");
		}
	}

	private static void positive(Errors errors, String field, Double value) {
		if (value != null && !(value > 0.0 && Double.isFinite(value))) {
			reject(errors, field, value, "must be positive and finite");
		}
	}

	private static void unitInterval(Errors errors, String field, Double value) {
		if (value != null && !(value >= 0.0 && value < 1.0)) {
			reject(errors, field, value, "must be at least 0 and less than 1");
		}
	}

	private static void oneOf(Errors errors, String field, String value, List<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			reject(errors, field, value, "must be one of " + allowed);
		}
	}

	/**
	 * Records a field error without reading the field back through bean properties, which
	 * records and indexed paths such as {@code layers[0]} do not offer.
	 */
	private static void reject(Errors errors, String field, Object value, String message) {
		if (errors instanceof BindingResult result) {
			String[] codes = result.resolveMessageCodes("invalid", field);
			result.addError(new FieldError(result.getObjectName(), field, value, false, codes, null, message));
		}
		else {
			errors.rejectValue(field, "invalid", message);
		}
	}

}
