package dev.descent.oip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's response schemas ({@code src/test/resources/oip}), one per response
 * type, and the assertion that an answer conforms to one.
 */
final class OipSchemas {

	static final String SERVER_METADATA = "metadata_server_response";

	static final String LIVE = "live_server_response";

	static final String READY = "ready_server_response";

	static final String MODEL_READY = "ready_model_response";

	static final String MODEL_METADATA = "metadata_model_response";

	static final String INFERENCE = "inference_response";

	static final String ERROR = "error_response";

	static final String INDEX = "repository_index_response";

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private OipSchemas() {
	}

	/**
	 * Asserts that {@code body} is valid JSON conforming to the named schema.
	 * @return {@code body}
	 */
	static String assertConforms(String schema, String body) {
		List<Error> errors = schema(schema).validate(body, InputFormat.JSON);
		assertThat(errors).as("%s against %s", body.substring(0, Math.min(body.length(), 300)), schema).isEmpty();
		return body;
	}

	/**
	 * @return the validation errors of {@code body} against the named schema
	 */
	static List<Error> errors(String schema, String body) {
		return schema(schema).validate(body, InputFormat.JSON);
	}

	private static Schema schema(String name) {
		return SCHEMAS.computeIfAbsent(name, OipSchemas::load);
	}

	private static Schema load(String name) {
		try (InputStream in = OipSchemas.class.getResourceAsStream("/oip/" + name + ".json")) {
			if (in == null) {
				throw new IOException("test resource oip/" + name + ".json is missing");
			}
			return REGISTRY.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
