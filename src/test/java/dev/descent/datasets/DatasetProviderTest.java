package dev.descent.datasets;

import dev.descent.storage.filesystem.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.descent.data.DataSet;
import dev.descent.data.Mnist;
import dev.descent.data.MnistData;
import dev.descent.data.MnistSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DatasetProviderTest {

	@TempDir
	Path root;

	@Test
	void loadsAnUploadedSetWithItsChecksumsAndCachesIt() throws IOException {
		DatasetStore store = FileStores.datasets(this.root);
		DatasetDescription created = create(store, "mine");
		DatasetProvider provider = new DatasetProvider(store, noMnist(), 2);
		TrainingData data = provider.load("mine");
		assertThat(data.name()).isEqualTo("mine");
		assertThat(data.checksums()).isEqualTo(created.checksums());
		assertSame(data.training(), DatasetSamples.training());
		assertSame(data.test(), DatasetSamples.test());
		assertThat(provider.load("mine")).isSameAs(data);
		assertThat(provider.trainingSize("mine")).hasValue(DatasetSamples.TRAIN);
		assertThat(provider.trainingSize("mnist")).hasValue(60000);
		assertThat(provider.trainingSize("nope")).isEmpty();
	}

	@Test
	void mnistComesFromTheMnistBean() throws IOException {
		MnistSource mnist = mock(MnistSource.class);
		MnistData data = new MnistData(DatasetSamples.training(), DatasetSamples.test(), Mnist.EXPECTED_SHA256);
		given(mnist.load()).willReturn(data);
		ObjectProvider<MnistSource> beans = mock();
		given(beans.getObject()).willReturn(mnist);
		TrainingData loaded = new DatasetProvider(FileStores.datasets(this.root), beans, 2).load("mnist");
		assertThat(loaded.training()).isSameAs(data.training());
		assertThat(loaded.checksums()).isEqualTo(Mnist.EXPECTED_SHA256);
		assertThat(new DatasetProvider(FileStores.datasets(this.root), beans, 2).exists("mnist")).isTrue();
	}

	@Test
	void unknownSetIsNotFound() throws IOException {
		DatasetProvider provider = new DatasetProvider(FileStores.datasets(this.root), noMnist(), 2);
		assertThat(provider.exists("nope")).isFalse();
		assertThatExceptionOfType(DatasetNotFoundException.class).isThrownBy(() -> provider.load("nope"));
	}

	@Test
	void corruptFileIsRefusedNotTrainedOn() throws IOException {
		DatasetStore store = FileStores.datasets(this.root);
		create(store, "mine");
		Path labels = this.root.resolve("mine").resolve(Mnist.TEST_LABELS);
		byte[] content = Files.readAllBytes(labels);
		content[20] = (byte) ((content[20] + 1) % 10);
		Files.write(labels, content);
		assertThatIOException().isThrownBy(() -> new DatasetProvider(store, noMnist(), 2).load("mine"))
			.withMessageContaining(Mnist.TEST_LABELS)
			.withMessageContaining("SHA-256");
	}

	@Test
	void evictedAfterDeleteSoARecreatedSetIsReadAgain() throws IOException {
		DatasetStore store = FileStores.datasets(this.root);
		create(store, "mine");
		DatasetProvider provider = new DatasetProvider(store, noMnist(), 2);
		TrainingData first = provider.load("mine");
		store.delete("mine");
		provider.evict("mine");
		create(store, "mine");
		assertThat(provider.load("mine")).isNotSameAs(first);
	}

	@Test
	void keepsAtMostCacheSizeSetsAndReloadsTheLeastRecentlyUsed() throws IOException {
		DatasetStore store = FileStores.datasets(this.root);
		DatasetProvider provider = new DatasetProvider(store, noMnist(), 2);
		for (String name : new String[] { "a", "b", "c" }) {
			create(store, name);
		}
		TrainingData a = provider.load("a");
		TrainingData b = provider.load("b");
		TrainingData c = provider.load("c");
		assertThat(provider.load("b")).isSameAs(b);
		assertThat(provider.load("c")).isSameAs(c);
		TrainingData reloaded = provider.load("a");
		assertThat(reloaded).isNotSameAs(a);
		assertSame(reloaded.training(), a.training());
		assertThat(provider.load("c")).isSameAs(c);
		assertThat(provider.load("b")).isNotSameAs(b);
	}

	private static DatasetDescription create(DatasetStore store, String name) throws IOException {
		DatasetFiles files = DatasetFiles.of(name, DatasetSamples.upload());
		return store.create(files.description(), files.files());
	}

	private static void assertSame(DataSet actual, DataSet expected) {
		assertThat(actual.size()).isEqualTo(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(actual.label(i)).isEqualTo(expected.label(i));
			assertThat(actual.image(i)).isEqualTo(expected.image(i));
		}
	}

	@SuppressWarnings("unchecked")
	private static ObjectProvider<MnistSource> noMnist() {
		return mock(ObjectProvider.class);
	}

}
