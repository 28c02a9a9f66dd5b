package dev.descent.predict;

import java.util.List;

import dev.descent.data.DataSet;
import dev.descent.models.ModelNames;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /predict}: one image ({@code pixels}) or a batch
 * ({@code instances}), exactly one of them.
 *
 * @param model defaults to "mnist"
 * @param version a version number, or null
 * @param alias an alias name, or null; not both with version
 */
record PredictRequest(String model, Integer version, String alias,
		@JsonDeserialize(using = PixelsDeserializer.class) double[] pixels,
		@JsonDeserialize(contentUsing = PixelsDeserializer.class) List<double[]> instances) {

	static final String DEFAULT_MODEL = "mnist";

	String modelOrDefault() {
		return (this.model != null) ? this.model : DEFAULT_MODEL;
	}

	/**
	 * Checks the fields in a fixed order, so the first fault found is always the one
	 * named. The version-and-alias check repeats {@code ModelRepository.resolve}'s on
	 * purpose: a request is refused before any model is looked up, with that fault named
	 * ahead of its pixels'.
	 * @throws InvalidPredictRequestException naming the first bad field, index or pixel
	 * @throws dev.descent.models.InvalidModelRequestException for a malformed model or
	 * alias name
	 */
	void validate(int maxInstances) {
		ModelNames.require(modelOrDefault(), "model");
		if (this.version != null && this.alias != null) {
			throw new InvalidPredictRequestException("alias", "give version or alias, not both");
		}
		if (this.version != null && this.version < 1) {
			throw new InvalidPredictRequestException("version", "version must be >= 1, got " + this.version);
		}
		if (this.alias != null) {
			ModelNames.require(this.alias, "alias");
		}
		if ((this.pixels == null) == (this.instances == null)) {
			throw new InvalidPredictRequestException("pixels", "give exactly one of pixels and instances");
		}
		if (this.pixels != null) {
			checkImage(this.pixels, "pixels");
		}
		else {
			checkInstances(maxInstances);
		}
	}

	private void checkInstances(int maxInstances) {
		if (this.instances.isEmpty() || this.instances.size() > maxInstances) {
			throw new InvalidPredictRequestException("instances",
					"instances has " + this.instances.size() + " images, expected 1 to " + maxInstances);
		}
		for (int i = 0; i < this.instances.size(); i++) {
			if (this.instances.get(i) == null) {
				throw new InvalidPredictRequestException("instances[" + i + "]", "instances[" + i + "] is null");
			}
			checkImage(this.instances.get(i), "instances[" + i + "]");
		}
	}

	private static void checkImage(double[] image, String field) {
		if (image.length != DataSet.IMAGE_SIZE) {
			throw new InvalidPredictRequestException(field,
					field + " has " + image.length + " values, expected " + DataSet.IMAGE_SIZE);
		}
		for (int j = 0; j < image.length; j++) {
			double value = image[j];
			if (Double.isNaN(value)) {
				fail(field + "[" + j + "]", "is null or not a number");
			}
			if (value < 0.0 || value > 1.0) {
				fail(field + "[" + j + "]", "is " + value);
			}
		}
	}

	private static void fail(String field, String what) {
		throw new InvalidPredictRequestException(field, field + " " + what + ", expected a value in [0,1]");
	}

	double[][] images() {
		return (this.pixels != null) ? new double[][] { this.pixels } : this.instances.toArray(new double[0][]);
	}

}
