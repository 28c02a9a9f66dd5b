package dev.descent.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalInt;

import dev.descent.data.ChecksummedIdx;
import dev.descent.data.DataSet;
import dev.descent.data.IdxReader;
import dev.descent.data.Mnist;
import dev.descent.data.MnistData;
import dev.descent.data.MnistSource;

import dev.descent.storage.LruCache;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Loads data sets for training by name: "mnist" from {@link MnistSource}, uploaded sets
 * from their stored IDX files, each file checked against the SHA-256 recorded at upload.
 * The most recently used uploaded sets are kept in memory
 * ({@code descent.datasets.cache-size}).
 */
public class DatasetProvider {

	private final DatasetStore store;

	private final ObjectProvider<MnistSource> mnist;

	private final LruCache<String, TrainingData> cache;

	/** Held while loading, so one set is loaded at a time, and while evicting. */
	private final Object loading = new Object();

	/**
	 * @param store the uploaded sets
	 * @param mnist the built-in set (absent in web slice tests)
	 * @param cacheSize how many uploaded sets to keep in memory
	 */
	public DatasetProvider(DatasetStore store, ObjectProvider<MnistSource> mnist, int cacheSize) {
		this.store = store;
		this.mnist = mnist;
		this.cache = new LruCache<>(cacheSize);
	}

	/**
	 * @return whether a data set of that name exists ("mnist" always does)
	 */
	public boolean exists(String name) {
		try {
			return DatasetNames.MNIST.equals(name) || this.store.exists(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the number of training examples of the data set, empty when there is no
	 * such set; reads only its description
	 */
	public OptionalInt trainingSize(String name) throws IOException {
		if (DatasetNames.MNIST.equals(name)) {
			return OptionalInt.of(DatasetDescription.MNIST.trainSize());
		}
		return this.store.find(name).map((d) -> OptionalInt.of(d.trainSize())).orElse(OptionalInt.empty());
	}

	/**
	 * Loads (or returns the cached) data set. Loads one set at a time.
	 * @throws DatasetNotFoundException when there is no such data set
	 * @throws IOException when its files cannot be read or fail their checksums
	 */
	public TrainingData load(String name) throws IOException {
		if (DatasetNames.MNIST.equals(name)) {
			MnistData data = this.mnist.getObject().load();
			return new TrainingData(name, data.training(), data.test(), data.checksums());
		}
		synchronized (this.loading) {
			return this.cache.get(name, this::read);
		}
	}

	/** Forgets a cached set (after it is deleted). */
	void evict(String name) {
		synchronized (this.loading) {
			this.cache.evict(name);
		}
	}

	private TrainingData read(String name) throws IOException {
		DatasetDescription description = this.store.find(name).orElseThrow(() -> new DatasetNotFoundException(name));
		Map<String, String> sums = description.checksums();
		DataSet training = IdxReader.dataSet("training", Mnist.TRAIN_IMAGES,
				verified(name, Mnist.TRAIN_IMAGES, IdxReader::readImages, sums), Mnist.TRAIN_LABELS,
				verified(name, Mnist.TRAIN_LABELS, IdxReader::readLabels, sums));
		DataSet test = IdxReader.dataSet("test", Mnist.TEST_IMAGES,
				verified(name, Mnist.TEST_IMAGES, IdxReader::readImages, sums), Mnist.TEST_LABELS,
				verified(name, Mnist.TEST_LABELS, IdxReader::readLabels, sums));
		return new TrainingData(name, training, test, sums);
	}

	/**
	 * Streams the file from the store, parsing and checksumming it in one pass (it is
	 * held in memory once), then refuses it unless its SHA-256 is the one recorded at
	 * upload.
	 */
	private byte[] verified(String name, String file, ChecksummedIdx.Parser parser, Map<String, String> checksums)
			throws IOException {
		ChecksummedIdx.Read read = this.store.readFile(name, file, (in) -> ChecksummedIdx.read(in, file, parser));
		if (!read.matches(checksums.get(file))) {
			throw new IOException("data set file " + file + " does not match its recorded SHA-256; it is corrupt");
		}
		return read.parsed();
	}

}
