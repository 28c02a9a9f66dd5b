package dev.descent.datasets;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;

/**
 * Where uploaded data sets are kept: each a {@link DatasetDescription} and MNIST's four
 * raw IDX files ({@code train-images-idx3-ubyte} ...). The built-in "mnist" is not in it.
 * Implemented by a backend package ({@code storage/filesystem}, {@code storage/shared}).
 *
 * <p>
 * Every backend keeps these promises, which the store contract test checks: a set is
 * visible whole or not at all, also after a crash during its upload or deletion; its
 * files are streamed and checked against the SHA-256 in its description as they are
 * written; a name is taken by one upload only, even when two race; a store that cannot be
 * reached throws {@link StoreUnavailableException} (unchecked), a problem with one item
 * is an {@link IOException}.
 */
public interface DatasetStore {

	/**
	 * @return the uploaded data sets, by name; one whose description cannot be read is
	 * logged and left out
	 */
	List<DatasetDescription> list() throws IOException;

	/**
	 * @param name any string: one that is not a valid name ({@link DatasetNames}), or is
	 * "mnist", is never found
	 * @return the uploaded data set of that name, if there is one
	 * @throws IOException when its description exists but cannot be read
	 */
	Optional<DatasetDescription> find(String name) throws IOException;

	/**
	 * @return whether an uploaded data set of that name exists
	 */
	default boolean exists(String name) throws IOException {
		return find(name).isPresent();
	}

	/**
	 * Stores a data set: each of {@code files} is streamed in, its SHA-256 checked
	 * against {@code description.checksums()}, then the set becomes visible in one step.
	 * @param description the set's description; its name is valid and not "mnist"
	 * @param files a writer for each of the four files, by MNIST's file names
	 * @return the description as stored
	 * @throws DatasetConflictException when a set of that name exists (or was stored by a
	 * concurrent upload first)
	 * @throws IOException when a file does not match its checksum or cannot be written;
	 * nothing of the set stays
	 */
	DatasetDescription create(DatasetDescription description, Map<String, BlobWriter> files) throws IOException;

	/**
	 * Opens one of a set's files for {@code reader}; the caller verifies its SHA-256.
	 * @param file one of MNIST's four file names
	 * @throws DatasetNotFoundException when there is no set of that name
	 * @throws IOException when the file cannot be read
	 */
	<T> T readFile(String name, String file, BlobReader<T> reader) throws IOException;

	/**
	 * Removes a data set at once, all of it.
	 * @throws DatasetNotFoundException when there is none of that name
	 */
	void delete(String name) throws IOException;

	/**
	 * @return whether the store can serve reads and writes now; cheap enough for a
	 * readiness probe, never throws
	 */
	StoreAvailability availability();

}
