package dev.descent.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.descent.models.AliasMove;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelNames;
import dev.descent.storage.DurableFiles;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's aliases as files in its directory: {@code aliases.json} (alias to version,
 * unchanged from before history), {@code alias-history.json} (alias to its moves, oldest
 * first) and {@code alias-policies.json} (alias to its policy). A move writes the history
 * with the move first, then {@code aliases.json}, each replaced atomically; a crash in
 * between leaves a newest move that {@code aliases.json} does not show, which every read
 * drops (the move did not happen), so the two files always agree. The caller serialises
 * the changes.
 */
final class AliasFiles {

	private static final Log logger = LogFactory.getLog(AliasFiles.class);

	static final String ALIASES = "aliases.json";

	static final String HISTORY = "alias-history.json";

	static final String POLICIES = "alias-policies.json";

	private static final TypeReference<TreeMap<String, List<AliasMove>>> HISTORY_TYPE = new TypeReference<>() {
	};

	private final JsonMapper json;

	AliasFiles(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @return alias to version; aliases that cannot be read are logged and left out
	 */
	Map<String, Integer> aliases(Path dir) {
		Map<String, Integer> aliases = read(dir.resolve(ALIASES), new TypeReference<TreeMap<String, Integer>>() {
		}, "aliases");
		aliases.keySet().removeIf((alias) -> !ModelNames.isValid(alias));
		return aliases;
	}

	/**
	 * Applies a move when the alias still points at its {@code from}: the history first,
	 * then the alias.
	 * @return whether it was applied
	 */
	boolean move(Path dir, AliasMove move) throws IOException {
		Map<String, Integer> aliases = aliases(dir);
		if (!Objects.equals(aliases.get(move.alias()), move.from())) {
			return false;
		}
		Map<String, List<AliasMove>> history = repaired(dir, readStrict(dir.resolve(HISTORY), HISTORY_TYPE), aliases);
		history.computeIfAbsent(move.alias(), (alias) -> new ArrayList<>()).add(move);
		DurableFiles.replace(dir.resolve(HISTORY), this.json.writeValueAsBytes(history));
		if (move.to() == null) {
			aliases.remove(move.alias());
		}
		else {
			aliases.put(move.alias(), move.to());
		}
		DurableFiles.replace(dir.resolve(ALIASES), this.json.writeValueAsBytes(aliases));
		return true;
	}

	/**
	 * @return the alias's moves, newest first
	 */
	List<AliasMove> history(Path dir, String alias) {
		List<AliasMove> moves = new ArrayList<>(history(dir, aliases(dir)).getOrDefault(alias, List.of()));
		Collections.reverse(moves);
		return moves;
	}

	/**
	 * @return every alias's moves, oldest first, without a newest move that a crash kept
	 * from reaching {@code aliases.json}
	 */
	private Map<String, List<AliasMove>> history(Path dir, Map<String, Integer> aliases) {
		return repaired(dir, read(dir.resolve(HISTORY), HISTORY_TYPE, "alias history"), aliases);
	}

	private static Map<String, List<AliasMove>> repaired(Path dir, Map<String, List<AliasMove>> history,
			Map<String, Integer> aliases) {
		history.forEach((alias, moves) -> {
			AliasMove newest = moves.isEmpty() ? null : moves.get(moves.size() - 1);
			Integer current = aliases.get(alias);
			if (newest != null && !Objects.equals(newest.to(), current) && Objects.equals(newest.from(), current)) {
				logger.warn("Dropping the move of alias '" + alias + "' to " + newest.to() + " at " + newest.at()
						+ " from the history of " + dir.getFileName() + ": it was interrupted before it was applied");
				moves.remove(moves.size() - 1);
			}
		});
		return history;
	}

	/**
	 * @return every alias that points at a version, has a history or has a policy
	 */
	Set<String> names(Path dir) {
		Map<String, Integer> aliases = aliases(dir);
		Set<String> names = new TreeSet<>(aliases.keySet());
		names.addAll(history(dir, aliases).keySet());
		names.addAll(policies(dir).keySet());
		names.removeIf((alias) -> !ModelNames.isValid(alias));
		return names;
	}

	Optional<AliasPolicy> policy(Path dir, String alias) {
		return Optional.ofNullable(policies(dir).get(alias));
	}

	void putPolicy(Path dir, String alias, AliasPolicy policy) throws IOException {
		Map<String, AliasPolicy> policies = policies(dir);
		if (policy == null) {
			policies.remove(alias);
		}
		else {
			policies.put(alias, policy);
		}
		DurableFiles.replace(dir.resolve(POLICIES), this.json.writeValueAsBytes(policies));
	}

	private Map<String, AliasPolicy> policies(Path dir) {
		return read(dir.resolve(POLICIES), new TypeReference<TreeMap<String, AliasPolicy>>() {
		}, "alias policies");
	}

	/**
	 * @return the file's map, empty when it does not exist; an unreadable one is logged
	 * and read as empty
	 */
	/**
	 * @return the file's map, empty when it does not exist
	 * @throws IOException when it cannot be read: a move never overwrites a history it
	 * could not read
	 */
	private <T> Map<String, T> readStrict(Path file, TypeReference<TreeMap<String, T>> type) throws IOException {
		if (!Files.exists(file)) {
			return new TreeMap<>();
		}
		try {
			return this.json.readValue(Files.readAllBytes(file), type);
		}
		catch (JacksonException ex) {
			throw new IOException("unreadable " + file.getFileName() + " of model " + file.getParent().getFileName(),
					ex);
		}
	}

	private <T> Map<String, T> read(Path file, TypeReference<TreeMap<String, T>> type, String what) {
		if (!Files.exists(file)) {
			return new TreeMap<>();
		}
		try {
			return readStrict(file, type);
		}
		catch (IOException | JacksonException ex) {
			logger.error("Cannot read the " + what + " of model " + file.getParent().getFileName()
					+ "; starting without them", ex);
			return new TreeMap<>();
		}
	}

}
