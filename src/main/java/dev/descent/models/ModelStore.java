package dev.descent.models;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import dev.descent.storage.StoreUnavailableException;

/**
 * Where the model registry is kept: models, their immutable versions (metadata and a
 * weights blob) and their aliases. Implemented by a backend package
 * ({@code storage/filesystem}, {@code storage/shared}); {@link ModelRepository} is its
 * only user and keeps what it reads in memory, so predictions never wait for a store.
 *
 * <p>
 * Every backend keeps these promises, which the store contract test checks:
 * <ul>
 * <li>Numbers: {@link #allocateVersion} hands out 1, 2, 3... per model, atomically, even
 * to several processes at once, and never the same number twice, also after a delete or a
 * crash.</li>
 * <li>Publication: {@link #publish} writes the weights blob completely (streamed, its
 * SHA-256 computed as it is written) before the version's record becomes visible; a crash
 * in between leaves at most an unreferenced blob, never a visible half version.</li>
 * <li>Versions are immutable: a published version's metadata and weights never change;
 * its tags may, and go when it is deleted.</li>
 * <li>History: every applied alias move is recorded with the move, never a move that was
 * not applied.</li>
 * <li>Failures: a store that cannot be reached throws {@link StoreUnavailableException}
 * (unchecked); a problem with one stored item is an {@link IOException}.</li>
 * </ul>
 * Names passed in are already valid ({@link ModelNames}).
 */
public interface ModelStore {

	/**
	 * Reads every model: each that was ever allocated a version number has an entry, even
	 * with no versions left. Weights are not read. A version whose metadata cannot be
	 * read has a {@link StoredVersion} with null metadata; aliases that cannot be read
	 * are logged and left out. The repository calls it at start and whenever
	 * {@link #onChange} says another process changed the registry.
	 * @return the models, in no particular order
	 */
	List<StoredModel> models() throws IOException;

	/**
	 * @return one model as {@link #models()} reads it, empty when it was never allocated
	 * a version
	 */
	Optional<StoredModel> model(String name) throws IOException;

	/**
	 * Allocates the next version number of {@code name} (creating the model when it has
	 * none), durably, before anything of the version is written.
	 * @return 1 for a new model, else one more than any number ever allocated for it
	 */
	int allocateVersion(String name) throws IOException;

	/**
	 * Publishes an allocated version: streams {@code weights} into the version's blob,
	 * computing its SHA-256, then makes the version visible with that checksum in its
	 * metadata. When anything fails the version stays invisible and its number is not
	 * given again.
	 * @param metadata the version's metadata, {@code weightsSha256} not yet set (ignored)
	 * @param weights writes {@code weights.bin} (see docs/model-format.md)
	 * @return the metadata as stored, with {@code weightsSha256}
	 * @throws IOException when the version's number was not allocated, it is already
	 * published, or the writing fails
	 */
	ModelMetadata publish(ModelMetadata metadata, BlobWriter weights) throws IOException;

	/**
	 * Publishes a version copied from another store (the {@code import} command), keeping
	 * its number: streams {@code weights} into the version's blob, computing its SHA-256,
	 * refuses them when it differs from {@code metadata.weightsSha256()}, then makes the
	 * version visible with the metadata unchanged. The model's counter is advanced first,
	 * so that {@link #allocateVersion} afterwards answers more than
	 * {@code metadata.version()} (the model is created when it has none). When anything
	 * fails the version stays invisible. Not idempotent itself: the caller skips a
	 * version that is already there.
	 * @param metadata the version's metadata as the source store holds it, with
	 * {@code weightsSha256}
	 * @param weights writes {@code weights.bin} (see docs/model-format.md)
	 * @return the metadata as stored (equal to {@code metadata})
	 * @throws IOException when a version of that number is already published, the weights
	 * do not match the checksum, or the writing fails
	 */
	ModelMetadata importVersion(ModelMetadata metadata, BlobWriter weights) throws IOException;

	/**
	 * Raises the model's counter to {@code highest} when it is lower, so that
	 * {@link #allocateVersion} afterwards answers more than {@code highest}, without
	 * publishing anything (the model is created when it has none, with no versions). The
	 * {@code import} command carries a source store's counter with it this way, so that
	 * the numbers of versions deleted there are not given again here. Never lowers it.
	 * @param highest the highest number to treat as given, at least 1
	 * @return whether the counter was raised; false, changing nothing, when it was
	 * {@code highest} or more already
	 */
	boolean raiseHighestVersion(String name, int highest) throws IOException;

	/**
	 * Opens a version's weights blob for {@code reader}. The bytes are whatever is
	 * stored: the caller verifies them against the metadata's SHA-256.
	 * @throws IOException when the blob is missing or cannot be read
	 */
	<T> T readWeights(String name, int version, BlobReader<T> reader) throws IOException;

	/**
	 * Deletes a version, record first and then its blob: it is gone at once, and its
	 * number is never allocated again.
	 * @throws IOException when it does not exist or cannot be deleted
	 */
	void deleteVersion(String name, int version) throws IOException;

	/**
	 * Moves, creates or deletes an alias and appends the move to the alias's history, as
	 * one atomic change; the one way aliases change. It is applied only when the alias
	 * still points at {@link AliasMove#from()} (null: it does not exist), so two
	 * processes moving the same alias at once cannot lose a move unseen.
	 * @return false, changing and recording nothing, when the alias no longer pointed at
	 * {@code from}
	 */
	boolean moveAlias(AliasMove move) throws IOException;

	/**
	 * Every move {@link #moveAlias} applied to one alias, every field as it was given:
	 * kept after the alias is deleted (a move to null) and after versions are deleted,
	 * and across restarts.
	 * @return newest first (the later applied first among equal times); empty when the
	 * alias never moved or the model is unknown
	 */
	List<AliasMove> aliasHistory(String name, String alias) throws IOException;

	/**
	 * @return the alias's stored policy, empty when it has none; the alias itself need
	 * not exist
	 */
	Optional<AliasPolicy> aliasPolicy(String name, String alias) throws IOException;

	/**
	 * Stores (replaces) an alias's policy, atomically.
	 * @param policy null removes it
	 */
	void putAliasPolicy(String name, String alias, AliasPolicy policy) throws IOException;

	/**
	 * Sets or replaces one tag of a published version, atomically. Tags are not part of
	 * the immutable version: {@link #models()} reads them with each version.
	 * @throws IOException when the version does not exist
	 */
	void putTag(String name, int version, String key, String value) throws IOException;

	/**
	 * Removes one tag of a published version, atomically.
	 * @return false when the version has no such tag
	 * @throws IOException when the version does not exist
	 */
	boolean deleteTag(String name, int version, String key) throws IOException;

	/**
	 * Registers what to call when another process changed the registry (a version
	 * published or deleted, an alias moved, a tag changed), with the model's name, or
	 * null when the backend cannot tell which. Called on the backend's own thread, within
	 * about a second of the change; and with null once the backend begins to listen, so
	 * that a change made between the caller's reading the registry and this call is not
	 * lost. A backend that only one process uses (the filesystem) never calls it: the
	 * repository's own changes are already in its memory.
	 */
	default void onChange(Consumer<String> listener) {
	}

	/**
	 * @return whether the store can serve reads and writes now; cheap enough for a
	 * readiness probe, never throws
	 */
	StoreAvailability availability();

}
