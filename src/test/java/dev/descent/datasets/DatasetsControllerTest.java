package dev.descent.datasets;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.descent.storage.DurableFiles;
import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static dev.descent.datasets.DatasetSamples.TEST;
import static dev.descent.datasets.DatasetSamples.TRAIN;
import static dev.descent.datasets.DatasetSamples.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = DatasetsController.class,
		properties = { "descent.datasets.max-upload-size=3MB", "descent.datasets.max-examples=1000" })
@AutoConfigureMockMvc(addFilters = false)
@Import({ DatasetsConfig.class, DatasetsControllerTest.FileStore.class })
class DatasetsControllerTest {

	@TempDir
	static Path dataDir;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	DatasetUsage usage;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", dataDir::toString);
	}

	@BeforeEach
	void emptyDatasets() throws IOException {
		DurableFiles.deleteRecursively(datasets());
	}

	@Test
	void uploadsRawIdx() throws Exception {
		upload("mine", DatasetSamples.idxParts(false)).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/datasets/mine"))
			.andExpect(jsonPath("$.name").value("mine"))
			.andExpect(jsonPath("$.builtIn").value(false))
			.andExpect(jsonPath("$.sourceFormat").value("idx"))
			.andExpect(jsonPath("$.trainSize").value(TRAIN))
			.andExpect(jsonPath("$.testSize").value(TEST))
			.andExpect(jsonPath("$.trainClassCounts", hasSize(10)))
			.andExpect(jsonPath("$.createdAt").isString())
			.andExpect(jsonPath("$.checksums['train-images-idx3-ubyte']").value(matchesPattern("[0-9a-f]{64}")));
		assertStoredExactly("mine");
	}

	@Test
	void uploadsGzipIdxToldApartByContent() throws Exception {
		upload("zipped", DatasetSamples.idxParts(true)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.sourceFormat").value("idx"));
		assertStoredExactly("zipped");
	}

	@Test
	void uploadsCsvStoredAsRawIdx() throws Exception {
		upload("from-csv", DatasetSamples.csvParts()).andExpect(status().isCreated())
			.andExpect(jsonPath("$.sourceFormat").value("csv"))
			.andExpect(jsonPath("$.trainSize").value(TRAIN));
		assertStoredExactly("from-csv");
	}

	@Test
	void allFormsOfTheSameDataHaveTheSameChecksums() throws Exception {
		String idx = upload("a", DatasetSamples.idxParts(false)).andReturn().getResponse().getContentAsString();
		String csv = upload("b", DatasetSamples.csvParts()).andReturn().getResponse().getContentAsString();
		assertThat(checksums(csv)).isEqualTo(checksums(idx));
	}

	@Test
	void generatesANameWhenNoneIsGiven() throws Exception {
		upload(null, DatasetSamples.csvParts()).andExpect(status().isCreated())
			.andExpect(header().string("Location", matchesPattern("/datasets/ds-[0-9a-f]{8}")))
			.andExpect(jsonPath("$.name").value(matchesPattern("ds-[0-9a-f]{8}")));
	}

	@Test
	void listsMnistFirstThenUploadsAndGetsOne() throws Exception {
		upload("mine", DatasetSamples.csvParts()).andExpect(status().isCreated());
		this.mvc.perform(get("/datasets"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].name").value("mnist"))
			.andExpect(jsonPath("$[0].builtIn").value(true))
			.andExpect(jsonPath("$[0].trainSize").value(60000))
			.andExpect(jsonPath("$[0].testSize").value(10000))
			.andExpect(jsonPath("$[0].checksums['t10k-labels-idx1-ubyte']")
				.value(Mnist.EXPECTED_SHA256.get(Mnist.TEST_LABELS)))
			.andExpect(jsonPath("$[1].name").value("mine"));
		this.mvc.perform(get("/datasets/mine"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.testSize").value(TEST));
		this.mvc.perform(get("/datasets/mnist"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.builtIn").value(true));
	}

	@Test
	void unknownDataSetIs404() throws Exception {
		this.mvc.perform(get("/datasets/nope"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("data set 'nope' does not exist"));
		this.mvc.perform(delete("/datasets/nope")).andExpect(status().isNotFound());
	}

	@Test
	void nameTakenIs409AndKeepsTheFirst() throws Exception {
		upload("mine", DatasetSamples.csvParts()).andExpect(status().isCreated());
		byte[] before = Files.readAllBytes(datasets().resolve("mine").resolve("dataset.json"));
		upload("mine", DatasetSamples.idxParts(false)).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("data set 'mine' already exists"));
		upload("mnist", DatasetSamples.idxParts(false)).andExpect(status().isConflict());
		assertThat(Files.readAllBytes(datasets().resolve("mine").resolve("dataset.json"))).isEqualTo(before);
		assertThat(entries()).containsExactly("mine");
	}

	@Test
	void deleteRules() throws Exception {
		upload("mine", DatasetSamples.csvParts()).andExpect(status().isCreated());
		upload("busy", DatasetSamples.csvParts()).andExpect(status().isCreated());
		given(this.usage.isDatasetInUse("busy")).willReturn(true);
		this.mvc.perform(delete("/datasets/mnist"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("data set 'mnist' is built in and cannot be deleted"));
		this.mvc.perform(delete("/datasets/busy"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("data set 'busy' is used by a queued or running job"));
		this.mvc.perform(delete("/datasets/mine")).andExpect(status().isNoContent());
		this.mvc.perform(get("/datasets/mine")).andExpect(status().isNotFound());
		assertThat(entries()).containsExactly("busy");
	}

	@Test
	void uploadOverTheLimitIs413() throws Exception {
		MockMultipartFile[] parts = DatasetSamples.idxParts(false);
		parts[0] = part("trainImages", new byte[3 * 1024 * 1024]);
		upload("big", parts).andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/payload-too-large"))
			.andExpect(jsonPath("$.detail").value("the upload is larger than the maximum of 3145728 bytes"))
			.andExpect(jsonPath("$.title").value("Content Too Large"));
		assertThat(entries()).isEmpty();
	}

	@Test
	void aFieldErrorStatesTheProblemWithoutRepeatingThePart() throws Exception {
		String problem = "no examples (at least one row of a label and 784 pixels is needed)";
		upload("mine", csv(null, "")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("test: " + problem))
			.andExpect(jsonPath("$.errors[0].field").value("test"))
			.andExpect(jsonPath("$.errors[0].message").value(problem));
		upload("mine", idx(0, DatasetSamples.idx(new int[] { IdxReader.IMAGES_MAGIC, 1001, 28, 28 }, new byte[0])))
			.andExpect(jsonPath("$.detail").value("trainImages: declares 1001 images, more than the 1000 allowed"))
			.andExpect(jsonPath("$.errors[0].message").value("declares 1001 images, more than the 1000 allowed"));
	}

	@Test
	void aSentenceNamingThePartIsBothDetailAndFieldMessage() throws Exception {
		String sentence = "test is missing: send either the IDX files trainImages, trainLabels, testImages and "
				+ "testLabels, or the CSV files train and test";
		upload("mine", without(DatasetSamples.csvParts(), 1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(sentence))
			.andExpect(jsonPath("$.errors[0].field").value("test"))
			.andExpect(jsonPath("$.errors[0].message").value(sentence));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidUploads")
	void invalidUploadIs400NamingFileAndProblemAndStoresNothing(String problem, String field, String name,
			MockMultipartFile[] parts) throws Exception {
		upload(name, parts).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://descent.dev/problems/invalid-request"))
			.andExpect(jsonPath("$.detail").value(startsWith(problem)))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").isString());
		assertThat(entries()).isEmpty();
	}

	static Stream<Arguments> invalidUploads() {
		DataSet train = DatasetSamples.training();
		DataSet test = DatasetSamples.test();
		byte[] labels = DatasetSamples.idxLabels(train, TRAIN);
		byte[] badLabel = labels.clone();
		badLabel[8 + 42] = 10;
		byte[] images = DatasetSamples.idxImages(train, TRAIN);
		byte[] wide = images.clone();
		wide[11] = 29;
		byte[] wrongMagic = images.clone();
		wrongMagic[3] = 0x01;
		String testCsv = DatasetSamples.csv(test, TEST, false);
		String[] lines = testCsv.split("\n");
		lines[4] = lines[4].replaceFirst("^(\\d+(,\\d+){15}),\\d+", "$1,300");
		return Stream.of(
				arguments("trainLabels: labels file has 299 entries, images file (trainImages) 300", "trainLabels",
						idx(1, DatasetSamples.idxLabels(train, TRAIN - 1))),
				arguments("trainLabels: label 42 is 10, expected 0-9", "trainLabels", idx(1, badLabel)),
				arguments("trainImages: images are 29x28, expected 28x28", "trainImages", idx(0, wide)),
				arguments("trainImages: wrong magic number 0x00000801, expected 0x00000803", "trainImages",
						idx(0, wrongMagic)),
				arguments("testImages: wrong magic number", "testImages", idx(2, DatasetSamples.idxLabels(test, TEST))),
				arguments("testLabels: truncated", "testLabels",
						idx(3, Arrays.copyOf(DatasetSamples.idxLabels(test, TEST), 8 + TEST - 1))),
				arguments("trainImages: wrong magic number 0x1f8b0800, expected 0x00000803", "trainImages",
						idx(0, DatasetSamples.gzip(DatasetSamples.gzip(images)))),
				arguments("testImages: corrupt or truncated gzip data", "testImages",
						idx(2, Arrays.copyOf(DatasetSamples.gzip(DatasetSamples.idxImages(test, TEST)), 500))),
				arguments("trainImages: declares 1001 images, more than the 1000 allowed", "trainImages",
						idx(0, DatasetSamples.idx(new int[] { IdxReader.IMAGES_MAGIC, 1001, 28, 28 }, new byte[0]))),
				arguments("trainImages: no examples", "trainImages",
						idx(0, DatasetSamples.idx(new int[] { IdxReader.IMAGES_MAGIC, 0, 28, 28 }, new byte[0]), 1,
								DatasetSamples.idx(new int[] { IdxReader.LABELS_MAGIC, 0 }, new byte[0]))),
				arguments("testLabels is missing", "testLabels", without(DatasetSamples.idxParts(false), 3)),
				arguments("test is missing", "test", without(DatasetSamples.csvParts(), 1)),
				arguments("the upload mixes IDX parts", "train",
						concat(DatasetSamples.idxParts(false), DatasetSamples.csvParts())),
				arguments("no data set files", "train", new MockMultipartFile[0]),
				arguments("unexpected part 'validation'", "validation",
						concat(DatasetSamples.csvParts(), part("validation", "1,2"))),
				arguments("test: row 5, column 17: 300 is not a pixel value 0-255", "test",
						csv(null, String.join("\n", lines))),
				arguments("train: row 3: 785 columns expected (label first), got 784", "train", csv("label,x\n", null)),
				arguments("test: no examples", "test", csv(null, "")),
				arguments("name must match [a-z0-9][a-z0-9._-]{0,63}", "name", "Bad Name", DatasetSamples.csvParts()),
				arguments("name must match", "name", "a..b", DatasetSamples.csvParts()),
				arguments("name must match", "name", "", DatasetSamples.csvParts()));
	}

	private static Arguments arguments(String problem, String field, MockMultipartFile[] parts) {
		return Arguments.of(problem, field, "mine", parts);
	}

	private static Arguments arguments(String problem, String field, String name, MockMultipartFile[] parts) {
		return Arguments.of(problem, field, name, parts);
	}

	/**
	 * @return the four good IDX parts with part {@code index} replaced by raw bytes
	 */
	private static MockMultipartFile[] idx(int index, byte[] content) {
		MockMultipartFile[] parts = DatasetSamples.idxParts(false);
		parts[index] = part(DatasetUpload.IDX_PARTS.get(index), content);
		return parts;
	}

	private static MockMultipartFile[] idx(int first, byte[] firstContent, int second, byte[] secondContent) {
		MockMultipartFile[] parts = idx(first, firstContent);
		parts[second] = part(DatasetUpload.IDX_PARTS.get(second), secondContent);
		return parts;
	}

	/**
	 * @return good CSV parts, the training file's header row replaced (when given) by
	 * {@code header} followed by a short row, or the test file replaced by {@code test}
	 */
	private static MockMultipartFile[] csv(String header, String test) {
		MockMultipartFile[] parts = DatasetSamples.csvParts();
		if (header != null) {
			String[] good = DatasetSamples.csv(DatasetSamples.training(), 2, true).split("\n");
			String shortRow = good[2].substring(0, good[2].lastIndexOf(','));
			parts[0] = part("train", good[0] + "\n" + good[1] + "\n" + shortRow + "\n");
		}
		if (test != null) {
			parts[1] = part("test", test);
		}
		return parts;
	}

	private static MockMultipartFile[] without(MockMultipartFile[] parts, int index) {
		return Stream.of(parts).filter((p) -> p != parts[index]).toArray(MockMultipartFile[]::new);
	}

	private static MockMultipartFile[] concat(MockMultipartFile[] first, MockMultipartFile... second) {
		return Stream.concat(Stream.of(first), Stream.of(second)).toArray(MockMultipartFile[]::new);
	}

	private ResultActions upload(String name, MockMultipartFile... parts) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/datasets");
		for (MockMultipartFile part : parts) {
			request.file(part);
		}
		if (name != null) {
			request.param("name", name);
		}
		return this.mvc.perform(request);
	}

	/** The stored files are raw IDX holding exactly the sample's examples. */
	private static void assertStoredExactly(String name) throws IOException {
		Path dir = datasets().resolve(name);
		assertThat(Files.readAllBytes(dir.resolve(Mnist.TRAIN_IMAGES)))
			.isEqualTo(DatasetSamples.idxImages(DatasetSamples.training(), TRAIN));
		assertThat(Files.readAllBytes(dir.resolve(Mnist.TRAIN_LABELS)))
			.isEqualTo(DatasetSamples.idxLabels(DatasetSamples.training(), TRAIN));
		assertThat(Files.readAllBytes(dir.resolve(Mnist.TEST_IMAGES)))
			.isEqualTo(DatasetSamples.idxImages(DatasetSamples.test(), TEST));
		assertThat(Files.readAllBytes(dir.resolve(Mnist.TEST_LABELS)))
			.isEqualTo(DatasetSamples.idxLabels(DatasetSamples.test(), TEST));
		assertThat(entries()).contains(name).noneMatch((e) -> e.startsWith("."));
	}

	private static String checksums(String json) {
		return json.substring(json.indexOf("\"checksums\""));
	}

	/**
	 * @return the names in the data sets directory, staging leftovers included
	 */
	static List<String> entries() throws IOException {
		if (!Files.isDirectory(datasets())) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(datasets())) {
			return entries.map((p) -> p.getFileName().toString()).sorted().toList();
		}
	}

	/** The filesystem backend's store on the test's data directory. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FileStore {

		@Bean
		DatasetStore datasetStore() {
			return FileStores.datasets(datasets());
		}

	}

	private static Path datasets() {
		return dataDir.resolve("datasets");
	}

}
