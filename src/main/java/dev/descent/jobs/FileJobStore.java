package dev.descent.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.descent.engine.Checkpoint;
import dev.descent.engine.TrainingConfig;
import dev.descent.storage.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps every job as a JSON file {@code <id>.json} under
 * {@code ${descent.data-dir}/jobs}, replaced atomically on every change, so a job's
 * record (and its history up to the last finished epoch) survives a crash or restart.
 * Next to it, a job that is training keeps the checkpoint of its last finished epoch,
 * {@code <id>.checkpoint} ({@link CheckpointFile}), replaced atomically after every
 * epoch; it is what an interrupted job resumes from.
 */
@Component
public class FileJobStore {

	private static final Logger logger = LoggerFactory.getLogger(FileJobStore.class);

	private static final String SUFFIX = ".json";

	private static final String CHECKPOINT_SUFFIX = ".checkpoint";

	private final Path directory;

	private final JsonMapper mapper;

	private final ObjectReader reader;

	public FileJobStore(@Value("${descent.data-dir}") Path dataDir, JsonMapper mapper) {
		this.directory = dataDir.resolve("jobs");
		this.mapper = mapper;
		// records written by another version may have fields this one does not know
		this.reader = mapper.readerFor(Job.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/**
	 * Writes the job's record, replacing the previous one atomically.
	 */
	public void save(Job job) throws IOException {
		Files.createDirectories(this.directory);
		byte[] json = this.mapper.writeValueAsBytes(job);
		DurableFiles.replace(file(job.id()), json);
	}

	/**
	 * Deletes a job's record, if any.
	 */
	public void delete(String id) throws IOException {
		Files.deleteIfExists(file(id));
	}

	/**
	 * @return every readable job record; unreadable ones are logged and skipped, and
	 * temporary files left by a crash are deleted
	 */
	public List<Job> loadAll() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<Job> jobs = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (DurableFiles.isTemporary(name)) {
					Files.deleteIfExists(file);
				}
				else if (name.endsWith(SUFFIX)) {
					read(file, jobs);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.directory, ex);
		}
		return jobs;
	}

	private void read(Path file, List<Job> jobs) {
		try {
			jobs.add(this.reader.readValue(file.toFile()));
		}
		catch (JacksonException ex) {
			logger.warn("Skipping unreadable job record {}: {}", file, ex.getOriginalMessage());
		}
	}

	/**
	 * Writes the job's checkpoint, replacing the previous one atomically.
	 * @param optimizer the job's optimiser's name, recorded to be checked on reading
	 */
	public void saveCheckpoint(String id, String optimizer, Checkpoint checkpoint) throws IOException {
		Files.createDirectories(this.directory);
		DurableFiles.replace(checkpointFile(id), (out) -> CheckpointFile.write(id, optimizer, checkpoint, out));
	}

	/**
	 * @param config the job's training config, which the checkpoint must fit
	 * @return the job's checkpoint, empty when it has none
	 * @throws InvalidCheckpointException naming the problem when the file is corrupt,
	 * truncated or of another job, network or optimiser
	 * @throws IOException when the file cannot be read
	 */
	public Optional<Checkpoint> loadCheckpoint(String id, TrainingConfig config) throws IOException {
		Path file = checkpointFile(id);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		return Optional.of(CheckpointFile.read(file, id, config));
	}

	/**
	 * Deletes a job's checkpoint, if any.
	 */
	public void deleteCheckpoint(String id) throws IOException {
		Files.deleteIfExists(checkpointFile(id));
	}

	/**
	 * @return the ids of the jobs that have a checkpoint
	 */
	public Set<String> checkpointIds() {
		if (!Files.isDirectory(this.directory)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(CHECKPOINT_SUFFIX) && !DurableFiles.isTemporary(name))
				.map((name) -> name.substring(0, name.length() - CHECKPOINT_SUFFIX.length()))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.directory, ex);
		}
	}

	Path checkpointFile(String id) {
		return this.directory.resolve(id + CHECKPOINT_SUFFIX);
	}

	private Path file(String id) {
		return this.directory.resolve(id + SUFFIX);
	}

}
