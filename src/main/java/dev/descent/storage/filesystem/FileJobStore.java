package dev.descent.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.descent.jobs.Job;
import dev.descent.jobs.JobStore;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.DurableFiles;
import dev.descent.storage.StoreAvailability;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every job as a JSON file {@code <id>.json} under
 * {@code ${descent.data-dir}/jobs}, replaced atomically on every change, so a job's
 * record (and its history up to the last finished epoch) survives a crash or restart.
 * Next to it, a job that is training keeps the checkpoint of its last finished epoch,
 * {@code <id>.checkpoint}, replaced atomically after every epoch.
 */
public final class FileJobStore implements JobStore {

	private static final String CHECKPOINT_SUFFIX = ".checkpoint";

	private final Path directory;

	private final JsonRecordFiles<Job> records;

	/**
	 * @param directory {@code ${descent.data-dir}/jobs}, created when first written
	 */
	public FileJobStore(Path directory, JsonMapper mapper) {
		this.directory = directory;
		this.records = new JsonRecordFiles<>(directory, mapper, Job.class, "job");
	}

	@Override
	public void save(Job job) throws IOException {
		this.records.save(job.id(), job);
	}

	@Override
	public void delete(String id) throws IOException {
		this.records.delete(id);
	}

	@Override
	public List<Job> loadAll() throws IOException {
		return this.records.loadAll();
	}

	@Override
	public void saveCheckpoint(String id, BlobWriter writer) throws IOException {
		Files.createDirectories(this.directory);
		DurableFiles.replace(checkpointFile(id), writer::writeTo);
	}

	@Override
	public <T> Optional<T> readCheckpoint(String id, BlobReader<T> reader) throws IOException {
		InputStream in;
		try {
			in = Files.newInputStream(checkpointFile(id));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		try (in) {
			return Optional.of(reader.read(in));
		}
	}

	@Override
	public void deleteCheckpoint(String id) throws IOException {
		Files.deleteIfExists(checkpointFile(id));
	}

	@Override
	public Set<String> checkpointIds() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(CHECKPOINT_SUFFIX) && !DurableFiles.isTemporary(name))
				.map((name) -> name.substring(0, name.length() - CHECKPOINT_SUFFIX.length()))
				.collect(Collectors.toSet());
		}
	}

	/**
	 * UP when the directory exists (or can be made) and is writable; the reason never
	 * names the path.
	 */
	@Override
	public StoreAvailability availability() {
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			return StoreAvailability.down("the job directory cannot be created");
		}
		return Files.isWritable(this.directory) ? StoreAvailability.up()
				: StoreAvailability.down("the job directory is not writable");
	}

	Path checkpointFile(String id) {
		return this.directory.resolve(id + CHECKPOINT_SUFFIX);
	}

}
