package dev.descent.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;

import dev.descent.storage.DurableFiles;
import dev.descent.engine.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class JobStoreTest {

	@TempDir
	Path dataDir;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void savesAndLoadsJobsWithTheirHistory() throws IOException {
		FileJobStore store = new FileJobStore(this.dataDir, this.mapper);
		Job job = job("j-1").withEpoch(new EpochResult(1, 0.5, 9000, 10000, 1.5));
		store.save(job);
		store.save(job("j-2"));
		assertThat(store.loadAll()).containsExactlyInAnyOrder(job, job("j-2"));
		assertThat(this.dataDir.resolve("jobs/j-1.json")).isRegularFile();
	}

	@Test
	void epochsCompletedIsWrittenForReadersAndDerivedFromTheHistoryWhenRead() throws IOException {
		FileJobStore store = new FileJobStore(this.dataDir, this.mapper);
		Job job = job("j-1").started(Instant.parse("2026-11-23T15:31:00Z"))
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

	@Test
	void aFailedWriteLeavesThePreviousRecordAndNoTemporaryFile() throws IOException {
		Path target = this.dataDir.resolve("record.json");
		Files.writeString(target, "old");
		assertThatIOException().isThrownBy(() -> DurableFiles.replace(target, (out) -> {
			out.write("half of the new".getBytes(StandardCharsets.UTF_8));
			throw new IOException("disk full");
		}));
		assertThat(target).hasContent("old");
		try (Stream<Path> files = Files.list(this.dataDir)) {
			assertThat(files).containsExactly(target);
		}
		DurableFiles.replace(target, (out) -> out.write("new".getBytes(StandardCharsets.UTF_8)));
		assertThat(target).hasContent("new");
	}

	@Test
	void skipsLeftoversOfACrashAndUnreadableRecords() throws IOException {
		FileJobStore store = new FileJobStore(this.dataDir, this.mapper);
		store.save(job("j-1"));
		Path jobs = this.dataDir.resolve("jobs");
		Files.writeString(jobs.resolve(DurableFiles.TEMP_PREFIX + "j-2.json-123"), "{\"id\": \"j-2\", \"sta");
		Files.writeString(jobs.resolve("j-3.json"), "{\"id\": \"j-3\", \"sta");
		assertThat(store.loadAll()).containsExactly(job("j-1"));
		assertThat(jobs.resolve(DurableFiles.TEMP_PREFIX + "j-2.json-123")).doesNotExist();
	}

	@Test
	void anEmptyDataDirectoryHasNoJobs() {
		assertThat(new FileJobStore(this.dataDir.resolve("missing"), this.mapper).loadAll()).isEmpty();
	}

	private static Job job(String id) {
		return Job.queued(id, JobRequest.empty().withDefaults(new Random(3), "PT5M"),
				Instant.parse("2026-11-23T15:30:12.123456Z"));
	}

}
