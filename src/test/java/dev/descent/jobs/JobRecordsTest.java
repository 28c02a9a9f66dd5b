package dev.descent.jobs;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import dev.descent.engine.EpochResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class JobRecordsTest {

	private final JobStore store = mock(JobStore.class);

	private final Job job = Job.queued("j-1",
			new JobRequest(null, null, null, 3, null, null, null, null, null, null, null, null, null, null, null, null,
					5L, null, null, null, null, null)
				.withDefaults(new Random(1), null),
			Instant.parse("2026-01-02T03:04:05Z"));

	@Test
	void aChangeThatAnswersAnEqualJobWritesNothing() throws IOException {
		given(this.store.loadAll()).willReturn(List.of());
		JobRecords records = new JobRecords(this.store);
		records.update("j-1", (current) -> this.job);
		verify(this.store, times(1)).save(any());
		List<EpochResult> history = List.of(new EpochResult(1, 0.5, 8, 10, 0.25));
		Job withHistory = records.update("j-1", (current) -> current.withHistory(history));
		verify(this.store, times(2)).save(any());
		Job again = records.update("j-1", (current) -> current.withHistory(history));
		assertThat(again).isSameAs(withHistory);
		verify(this.store, times(2)).save(any());
		records.update("j-1", (current) -> current.withHistory(List.of()));
		verify(this.store, times(3)).save(any());
	}

	@Test
	void aFinalJobIsLeftAsItIs() throws IOException {
		given(this.store.loadAll()).willReturn(List.of(this.job.cancelled(Instant.now())));
		JobRecords records = new JobRecords(this.store);
		records.update("j-1", (current) -> current.requeued());
		verify(this.store, never()).save(any());
		verify(this.store, never()).deleteCheckpoint(any());
	}

}
