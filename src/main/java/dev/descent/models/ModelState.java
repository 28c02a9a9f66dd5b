package dev.descent.models;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the repository knows of one model, kept in memory so that resolving a request
 * costs two map look-ups. Immutable: every change makes a new instance.
 *
 * @param versions the existing versions by number
 * @param aliases alias name to version number
 */
record ModelState(String name, NavigableMap<Integer, ModelVersion> versions, Map<String, Integer> aliases) {

	ModelState {
		versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
		aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
	}

	static ModelState empty(String name) {
		return new ModelState(name, new TreeMap<>(), Map.of());
	}

	ModelState withVersion(ModelVersion version) {
		NavigableMap<Integer, ModelVersion> copy = new TreeMap<>(this.versions);
		copy.put(version.version(), version);
		return new ModelState(this.name, copy, this.aliases);
	}

	ModelState withoutVersion(int version) {
		NavigableMap<Integer, ModelVersion> copy = new TreeMap<>(this.versions);
		copy.remove(version);
		return new ModelState(this.name, copy, this.aliases);
	}

	ModelState withAlias(String alias, Integer version) {
		Map<String, Integer> copy = new HashMap<>(this.aliases);
		if (version == null) {
			copy.remove(alias);
		}
		else {
			copy.put(alias, version);
		}
		return new ModelState(this.name, this.versions, copy);
	}

	/**
	 * @throws InvalidModelRequestException when {@code version} is below 1
	 * @throws ModelNotFoundException when it does not exist
	 */
	ModelVersion version(int version) {
		if (version < 1) {
			throw new InvalidModelRequestException("version", "version must be >= 1, got " + version);
		}
		ModelVersion entry = this.versions.get(version);
		if (entry == null) {
			throw ModelNotFoundException.version(this.name, version);
		}
		return entry;
	}

	/**
	 * @throws InvalidModelRequestException when the alias name is not valid
	 * @throws ModelNotFoundException when there is no such alias
	 */
	int aliasTarget(String alias) {
		Integer target = this.aliases.get(ModelNames.require(alias, "alias"));
		if (target == null) {
			throw ModelNotFoundException.alias(this.name, alias);
		}
		return target;
	}

	/**
	 * @return the first alias pointing at {@code version}, or null
	 */
	String aliasOf(int version) {
		return this.aliases.entrySet()
			.stream()
			.filter((alias) -> alias.getValue() == version)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	/**
	 * @return the {@code production} alias's version, else {@link #latestServable()}
	 * @throws ModelNotFoundException when the model has no versions
	 */
	int defaultVersion() {
		Integer target = this.aliases.get(ModelRepository.PRODUCTION);
		if (target == null) {
			target = latestServable();
		}
		if (target == null) {
			throw ModelNotFoundException.noVersions(this.name);
		}
		return target;
	}

	/**
	 * @return the highest version that is not known to be corrupt; else the highest
	 * version (loading it reports why it cannot serve); null when there is none
	 */
	Integer latestServable() {
		for (ModelVersion version : this.versions.descendingMap().values()) {
			if (!version.isCorrupt()) {
				return version.version();
			}
		}
		return this.versions.isEmpty() ? null : this.versions.lastKey();
	}

	ModelSummary summary() {
		Integer latest = this.versions.isEmpty() ? null : this.versions.lastKey();
		return new ModelSummary(this.name, latest, this.aliases);
	}

}
