package dev.descent.jobs;

import dev.descent.storage.filesystem.FileStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.descent.data.MnistSample;
import dev.descent.datasets.DatasetProvider;
import dev.descent.datasets.TrainingData;
import dev.descent.metrics.MetricsProperties;
import dev.descent.metrics.TrainingMetrics;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.ModelVersion;
import dev.descent.models.ModelsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;

/**
 * The README's promise "409 once the job is storing its model, so a cancelled job never
 * leaves a version", with the real {@link JobTrainer} and engine on the committed MNIST
 * sample and a model repository in a temporary directory (only its {@code register} is
 * held until the cancellation was tried).
 */
class CancelWhileRegisteringTest {

	@TempDir
	Path dataDir;

	private final CountDownLatch registering = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private JobService service;

	@AfterEach
	void tearDown() {
		this.release.countDown();
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void aJobStoringItsModelCannotBeCancelledAndLeavesExactlyOneVersion() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		ModelRepository models = spy(new ModelRepository(FileStores.models(this.dataDir, json, Duration.ZERO)));
		willAnswer((invocation) -> {
			this.registering.countDown();
			assertThat(this.release.await(30, TimeUnit.SECONDS)).isTrue();
			return invocation.callRealMethod();
		}).given(models).register(anyString(), any(), any());
		DatasetProvider datasets = mock(DatasetProvider.class);
		given(datasets.trainingSize("mnist")).willReturn(OptionalInt.of(MnistSample.training().size()));
		given(datasets.load("mnist")).willReturn(
				new TrainingData("mnist", MnistSample.training(), MnistSample.test(), Map.of("train", "sample")));
		JobsProperties properties = new JobsProperties(1, 4, 5_000_000, 1000, null, Duration.ofSeconds(7),
				Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));
		this.service = new JobService(properties, FileStores.jobs(this.dataDir, json), new JobTrainer(datasets, models),
				new TrainingMetrics(new SimpleMeterRegistry(), new MetricsProperties(20)), datasets);
		this.service.start();
		Job job = this.service.submit(new JobRequest(null, null, List.of(784, 16, 10), 1, null, null, null, null, null,
				null, null, null, null, null, null, null, 5L, 500, null, null, null, null));

		assertThat(this.registering.await(60, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> this.service.cancel(job.id()))
			.satisfies((ex) -> assertThat(ex.jobId()).isEqualTo(job.id()))
			.withMessageContaining("storing its model");
		assertThat(this.service.get(job.id()).state()).isEqualTo(JobState.RUNNING);
		this.release.countDown();

		await().atMost(30, TimeUnit.SECONDS).until(() -> this.service.get(job.id()).state().isFinal());
		Job done = this.service.get(job.id());
		assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
		assertThat(done.model()).isEqualTo(new ModelRef("mnist", 1));
		assertThat(done.epochsCompleted()).isEqualTo(1);
		assertThat(models.versions("mnist")).extracting(ModelVersion::version).containsExactly(1);
		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> this.service.cancel(job.id()));
	}

}
