package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.descent.storage.DurableFiles;
import dev.descent.sweeps.SweepStore;
import dev.descent.sweeps.SweepStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep store contract on files, and what is particular to the files. */
class FileSweepStoreTest extends SweepStoreContract {

	@TempDir
	Path dataDir;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	protected SweepStore open() {
		return new FileSweepStore(this.dataDir.resolve("sweeps"), this.mapper);
	}

	@Test
	void eachSweepIsAJsonFileAndLeftoversAndUnreadableRecordsAreSkipped() throws IOException {
		open().save(running("s-1"));
		Path sweeps = this.dataDir.resolve("sweeps");
		assertThat(sweeps.resolve("s-1.json")).isRegularFile();
		Files.writeString(sweeps.resolve(DurableFiles.TEMP_PREFIX + "s-2.json-123"), "{\"id\": \"s-2\", \"sta");
		Files.writeString(sweeps.resolve("s-3.json"), "{\"id\": \"s-3\", \"sta");
		assertThat(open().loadAll()).containsExactly(running("s-1"));
		assertThat(sweeps.resolve(DurableFiles.TEMP_PREFIX + "s-2.json-123")).doesNotExist();
	}

	@Test
	void anEmptyDataDirectoryHasNoSweeps() {
		assertThat(new FileSweepStore(this.dataDir.resolve("missing/sweeps"), this.mapper).loadAll()).isEmpty();
	}

}
