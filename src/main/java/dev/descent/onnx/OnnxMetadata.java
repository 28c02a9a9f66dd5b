package dev.descent.onnx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an exported model says about itself in its metadata properties.
 *
 * @param model the model's name
 * @param version the version number
 * @param weightsSha256 SHA-256 of the version's {@code weights.bin}, as its
 * {@code model.json} records it (the float64 weights the float32 graph was rounded from)
 * @param provenance the version's {@code model.json}: architecture, training settings,
 * history and data, or where it was imported from
 * @param producerVersion descent's version
 */
public record OnnxMetadata(String model, int version, String weightsSha256, String provenance, String producerVersion) {

	/** The {@code producer_name} of every exported model. */
	public static final String PRODUCER = "descent";

	/** Metadata key of the model's name. */
	public static final String MODEL = "descent.model";

	/** Metadata key of the version number. */
	public static final String VERSION = "descent.version";

	/** Metadata key of the weights' SHA-256. */
	public static final String WEIGHTS_SHA256 = "descent.weights_sha256";

	/** Metadata key of the provenance, the version's model.json. */
	public static final String PROVENANCE = "descent.provenance";

	/**
	 * @return the metadata properties, in a stable order
	 */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(MODEL, this.model);
		properties.put(VERSION, Integer.toString(this.version));
		properties.put(WEIGHTS_SHA256, this.weightsSha256);
		properties.put(PROVENANCE, this.provenance);
		return properties;
	}

}
