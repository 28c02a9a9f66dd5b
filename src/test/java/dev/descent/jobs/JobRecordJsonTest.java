package dev.descent.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.descent.engine.EpochResult;
import dev.descent.storage.filesystem.FileStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's stored JSON, as records written by earlier versions hold it. */
class JobRecordJsonTest {

	@TempDir
	Path dataDir;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void epochsCompletedIsWrittenForReadersAndDerivedFromTheHistoryWhenRead() throws IOException {
		JobStore store = FileStores.jobs(this.dataDir, this.mapper);
		Job job = JobStoreContract.job("j-1")
			.started(Instant.parse("2026-11-23T15:31:00Z"))
			.withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.5));
		String json = this.mapper.writeValueAsString(job);
		assertThat(json).contains("\"epochsCompleted\":1");
		// a record written when epochsCompleted was a stored field
		Files.createDirectories(this.dataDir.resolve("jobs"));
		Files.writeString(this.dataDir.resolve("jobs/j-1.json"), json);
		assertThat(store.loadAll()).containsExactly(job);
		// it is ignored even by a reader that refuses unknown properties
		Job strict = this.mapper.readerFor(Job.class)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.readValue(json.replace("\"epochsCompleted\":1", "\"epochsCompleted\":7"));
		assertThat(strict).isEqualTo(job);
		assertThat(strict.epochsCompleted()).isEqualTo(1);
	}

}
