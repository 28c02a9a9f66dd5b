package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.descent.storage.DurableFiles;
import dev.descent.jobs.JobStore;
import dev.descent.jobs.JobStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The job store contract on files, and what is particular to the files. */
class FileJobStoreTest extends JobStoreContract {

	@TempDir
	Path dataDir;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	protected JobStore open() {
		return new FileJobStore(this.dataDir.resolve("jobs"), this.mapper);
	}

	@Test
	void eachJobIsAJsonFileAndItsCheckpointBesideIt() throws IOException {
		JobStore store = open();
		store.save(job("j-1"));
		store.saveCheckpoint("j-1", (out) -> out.write(1));
		assertThat(this.dataDir.resolve("jobs/j-1.json")).isRegularFile();
		assertThat(this.dataDir.resolve("jobs/j-1.checkpoint")).hasBinaryContent(new byte[] { 1 });
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
		JobStore store = open();
		store.save(job("j-1"));
		Path jobs = this.dataDir.resolve("jobs");
		Files.writeString(jobs.resolve(DurableFiles.TEMP_PREFIX + "j-2.json-123"), "{\"id\": \"j-2\", \"sta");
		Files.writeString(jobs.resolve("j-3.json"), "{\"id\": \"j-3\", \"sta");
		assertThat(store.loadAll()).containsExactly(job("j-1"));
		assertThat(jobs.resolve(DurableFiles.TEMP_PREFIX + "j-2.json-123")).doesNotExist();
	}

	@Test
	void anEmptyDataDirectoryHasNoJobs() throws IOException {
		assertThat(new FileJobStore(this.dataDir.resolve("missing/jobs"), this.mapper).loadAll()).isEmpty();
	}

}
