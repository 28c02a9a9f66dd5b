package dev.descent.onnx;

import java.io.IOException;

import dev.descent.data.Sha256;
import dev.descent.engine.Network;
import dev.descent.models.ImportedFrom;
import dev.descent.models.ModelMetadata;
import dev.descent.models.ModelNames;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.TrainingProvenance;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a stored version as ONNX and registers an ONNX file as a new version, through
 * the model repository's public operations. Used by the web API and by the {@code export}
 * command.
 */
public final class OnnxModels {

	/** The format {@link ImportedFrom#format()} records. */
	public static final String FORMAT = "onnx";

	private final ModelRepository repository;

	private final JsonMapper json;

	public OnnxModels(ModelRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json.rebuild().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
	}

	/**
	 * @return the version as an ONNX file, its metadata (model.json) as the provenance
	 * @throws dev.descent.models.ModelNotFoundException when it does not exist
	 * @throws dev.descent.models.CorruptModelException when it fails verification
	 */
	public byte[] export(String name, int version) {
		ModelMetadata metadata = this.repository.version(name, version).metadata();
		Network network = this.repository.load(name, version);
		return OnnxExport.export(network, new OnnxMetadata(name, version, metadata.weightsSha256(),
				this.json.writeValueAsString(metadata), producerVersion()));
	}

	/**
	 * Registers the network an ONNX file holds as the next version of {@code name}, its
	 * provenance the file's SHA-256.
	 * @throws UnsupportedOnnxModelException naming what descent cannot run; nothing is
	 * stored then
	 */
	public ModelRef importVersion(String name, byte[] file) throws IOException {
		ModelNames.require(name, "name");
		ImportedNetwork imported = OnnxImport.read(file);
		ImportedFrom source = new ImportedFrom(FORMAT, Sha256.hex(file), file.length, imported.producer());
		return this.repository.register(name, imported.network(), TrainingProvenance.imported(source));
	}

	/**
	 * @return descent's version from the jar's manifest, "development" when run from
	 * classes
	 */
	static String producerVersion() {
		String version = OnnxModels.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

}
