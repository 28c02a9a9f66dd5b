package dev.descent.reliability;

import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One flipped byte in a stored version's weights: that version is reported CORRUPT (in
 * its metadata, its prediction errors and the log), never served; the other versions keep
 * serving and the service stays ready, before and after a restart.
 */
class CorruptVersionIT {

	@TempDir
	Path work;

	@Test
	void aFlippedByteTakesOutOneVersionOnly() throws Exception {
		Path data = this.work.resolve("data");
		List<String> images;
		Map<Integer, List<String>> healthy;
		int corrupt;
		try (ServiceProcess service = ServiceProcess.start(data, "first", Map.of())) {
			corrupt = Api.trainVersion(service, 1);
			int good = Api.trainVersion(service, 2);
			images = Api.testImages(service, 3);
			healthy = Api.predictions(service, List.of(good), images);
			flipByte(data.resolve("models/" + Api.MODEL + "/v" + corrupt + "/weights.bin"), 100);

			assertCorrupt(service, corrupt, images.get(0));
			assertThat(service.log()).contains("version " + corrupt + " of model " + Api.MODEL);
			assertThat(Api.predictions(service, List.of(good), images)).isEqualTo(healthy);
			assertThat(service.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		try (ServiceProcess service = ServiceProcess.start(data, "second", Map.of())) {
			assertCorrupt(service, corrupt, images.get(0));
			assertThat(service.log()).contains("version " + corrupt + " of model " + Api.MODEL);
			assertThat(Api.predictions(service, List.copyOf(healthy.keySet()), images)).isEqualTo(healthy);
			assertThat(service.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	private static void assertCorrupt(ServiceProcess service, int version, String image) throws Exception {
		HttpResponse<String> prediction = Api.predict(service, version, image);
		assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(409);
		assertThat(prediction.body()).contains("corrupt-model").doesNotContain(service.dataDirName());
		JsonNode metadata = service.getJson("/models/" + Api.MODEL + "/versions/" + version);
		assertThat(metadata.get("status").asString()).isEqualTo("CORRUPT");
		assertThat(metadata.get("problem").asString()).contains("checksum");
	}

	private static void flipByte(Path file, long offset) throws Exception {
		try (RandomAccessFile weights = new RandomAccessFile(file.toFile(), "rw")) {
			weights.seek(offset);
			int b = weights.read();
			weights.seek(offset);
			weights.write(b ^ 0xFF);
		}
	}

}
