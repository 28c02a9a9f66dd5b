package dev.descent.datasets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads over real HTTP: the servlet container's multipart limits answer 413. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descent.datasets.max-upload-size=1MB", "descent.mnist.directory=target/mnist" })
class DatasetsHttpTest {

	static final Path DATA_DIR = TestDirs.create("datasets-http");

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", DATA_DIR::toString);
	}

	@AfterAll
	static void removeDataDir() throws IOException {
		DatasetFiles.deleteRecursively(DATA_DIR);
	}

	@Test
	void uploadsCsvOverHttp() throws Exception {
		MultipartBody body = new MultipartBody().field("name", "over-http")
			.file("train", DatasetSamples.csv(DatasetSamples.training(), 300, true).getBytes())
			.file("test", DatasetSamples.csv(DatasetSamples.test(), 100, false).getBytes());
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).contains("/datasets/over-http");
		assertThat(response.body()).contains("\"trainSize\":300");
		assertThat(get("/datasets").body()).startsWith("[{\"name\":\"mnist\"").contains("over-http");
	}

	@Test
	void overTheLimitIs413ProblemJson() throws Exception {
		MultipartBody body = new MultipartBody().file("trainImages", new byte[1_200_000]);
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("https://descent.dev/problems/payload-too-large");
	}

	private HttpResponse<String> post(MultipartBody body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/datasets"))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
