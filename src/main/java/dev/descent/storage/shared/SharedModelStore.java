package dev.descent.storage.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import dev.descent.models.AliasMove;
import dev.descent.models.AliasPolicy;
import dev.descent.models.ModelMetadata;
import dev.descent.models.ModelStore;
import dev.descent.models.StoredModel;
import dev.descent.models.StoredVersion;
import dev.descent.storage.BlobReader;
import dev.descent.storage.BlobWriter;
import dev.descent.storage.StoreAvailability;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The model registry in PostgreSQL (tables of V1__models.sql) with each version's weights
 * as a blob in the object store. Numbers come from a per-model counter row raised by one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, so concurrent replicas never
 * get the same one and a deleted or crashed one is never given again. A version's blob is
 * written (streamed, hashed) under a key of its own before its row is inserted with the
 * SHA-256: a crash between leaves an orphan blob that {@link #orphanSweeper} removes,
 * never a visible half version. Every change sends {@code pg_notify} in its transaction;
 * {@link ChangeListener} delivers other replicas' changes to {@link #onChange} listeners.
 */
public final class SharedModelStore implements ModelStore, AutoCloseable {

	static final String STORE = "models";

	static final String CHANNEL = "descent_models";

	private static final String KEYS = "models/";

	private final SharedDatabase database;

	private final Blobs blobs;

	private final JsonMapper json;

	private final BeforeRecord beforeRecord;

	private final String instance = UUID.randomUUID().toString();

	private final ChangeListener changes;

	/** What runs between a blob being written and its row inserted; tests fail there. */
	@FunctionalInterface
	interface BeforeRecord {

		void run(String name, int version) throws IOException;

	}

	public SharedModelStore(SharedDatabase database, Blobs blobs, JsonMapper json) {
		this(database, blobs, json, (name, version) -> {
		});
	}

	SharedModelStore(SharedDatabase database, Blobs blobs, JsonMapper json, BeforeRecord beforeRecord) {
		this.database = database;
		this.blobs = blobs.forStore(STORE);
		this.json = json.rebuild()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		this.beforeRecord = beforeRecord;
		this.changes = new ChangeListener(database.dataSource(), CHANNEL, this.instance);
	}

	private JdbcClient jdbc() {
		return this.database.jdbc();
	}

	@Override
	public List<StoredModel> models() throws IOException {
		return read(null);
	}

	@Override
	public Optional<StoredModel> model(String name) throws IOException {
		return read(name).stream().findFirst();
	}

	/** Reads every model (name null) or one, in one transaction for a consistent view. */
	private List<StoredModel> read(String name) {
		return this.database.inTransaction(STORE, () -> {
			String where = (name != null) ? " WHERE model = :name" : "";
			Map<String, Map<Integer, StoredVersion>> versions = new TreeMap<>();
			Map<String, Map<Integer, Map<String, String>>> tags = new HashMap<>();
			Map<String, Map<String, Integer>> aliases = new HashMap<>();
			List<String> names = jdbc().sql("SELECT name FROM model" + ((name != null) ? " WHERE name = :name" : ""))
				.params(only(name))
				.query(String.class)
				.list();
			jdbc().sql("SELECT model, version, key, value FROM model_version_tag" + where)
				.params(only(name))
				.query((rs, i) -> tags.computeIfAbsent(rs.getString(1), (k) -> new HashMap<>())
					.computeIfAbsent(rs.getInt(2), (k) -> new TreeMap<>())
					.put(rs.getString(3), rs.getString(4)))
				.list();
			jdbc().sql("SELECT model, version, metadata FROM model_version" + where)
				.params(only(name))
				.query((rs, i) -> {
					String model = rs.getString(1);
					int version = rs.getInt(2);
					Map<String, String> versionTags = tags.getOrDefault(model, Map.of()).get(version);
					return versions.computeIfAbsent(model, (k) -> new TreeMap<>())
						.put(version, new StoredVersion(version, metadataOrNull(rs.getString(3)), versionTags));
				})
				.list();
			jdbc().sql("SELECT model, alias, version FROM model_alias" + where)
				.params(only(name))
				.query((rs, i) -> aliases.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
					.put(rs.getString(2), rs.getInt(3)))
				.list();
			List<StoredModel> models = new ArrayList<>();
			for (String model : names) {
				models.add(new StoredModel(model, new TreeMap<>(versions.getOrDefault(model, Map.of())),
						aliases.getOrDefault(model, Map.of())));
			}
			return models;
		});
	}

	/** The parameter {@code name}, or none when reading every model. */
	private static Map<String, Object> only(String name) {
		return (name != null) ? Map.of("name", name) : Map.of();
	}

	private ModelMetadata metadataOrNull(String text) {
		try {
			return this.json.readValue(text, ModelMetadata.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	@Override
	public int allocateVersion(String name) {
		return this.database.call(STORE, () -> jdbc().sql("""
				INSERT INTO model (name, highest_version) VALUES (:name, 1)
				ON CONFLICT (name) DO UPDATE SET highest_version = model.highest_version + 1
				RETURNING highest_version""").param("name", name).query(Integer.class).single());
	}

	@Override
	public ModelMetadata publish(ModelMetadata metadata, BlobWriter weights) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		Integer highest = this.database.call(STORE,
				() -> jdbc().sql("SELECT highest_version FROM model WHERE name = :name")
					.param("name", name)
					.query(Integer.class)
					.optional()
					.orElse(0));
		if (version > highest) {
			throw new IOException("version " + version + " of model " + name + " was not allocated");
		}
		return write(metadata, weights, null);
	}

	/** Raises the counter to the imported number first, then writes as publish does. */
	@Override
	public ModelMetadata importVersion(ModelMetadata metadata, BlobWriter weights) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		if (metadata.weightsSha256() == null) {
			throw new IOException("version " + version + " of model " + name + " has no weightsSha256 to import");
		}
		this.database.call(STORE,
				() -> jdbc().sql("""
						INSERT INTO model (name, highest_version) VALUES (:name, :version)
						ON CONFLICT (name) DO UPDATE SET highest_version = GREATEST(model.highest_version, :version)""")
					.param("name", name)
					.param("version", version)
					.update());
		if (versionExists(name, version)) {
			throw new IOException("version " + version + " of model " + name + " already exists");
		}
		return write(metadata, weights, metadata.weightsSha256());
	}

	/** One statement: inserts the model's row, or raises its counter only when lower. */
	@Override
	public boolean raiseHighestVersion(String name, int highest) {
		return this.database.inTransaction(STORE, () -> {
			int changed = jdbc().sql("""
					INSERT INTO model (name, highest_version) VALUES (:name, :highest)
					ON CONFLICT (name) DO UPDATE SET highest_version = EXCLUDED.highest_version
					WHERE model.highest_version < EXCLUDED.highest_version""")
				.param("name", name)
				.param("highest", highest)
				.update();
			if (changed > 0) {
				notifyChange(name);
			}
			return changed > 0;
		});
	}

	private boolean versionExists(String name, int version) {
		return this.database.call(STORE,
				() -> jdbc().sql("SELECT count(*) FROM model_version WHERE model = :name AND version = :version")
					.param("name", name)
					.param("version", version)
					.query(Long.class)
					.single() > 0);
	}

	/**
	 * Blob first, under a key no other write uses, then the row with its SHA-256.
	 */
	private ModelMetadata write(ModelMetadata metadata, BlobWriter weights, String expectedSha256) throws IOException {
		String name = metadata.name();
		int version = metadata.version();
		if (versionExists(name, version)) {
			throw new IOException("refusing to overwrite version " + version + " of model " + name);
		}
		String key = KEYS + name + "/v" + version + "/weights-" + UUID.randomUUID() + ".bin";
		Blobs.Written written = this.blobs.put(key, weights, expectedSha256);
		ModelMetadata stored = metadata.withWeightsSha256(written.sha256());
		this.beforeRecord.run(name, version);
		try {
			this.database.inTransaction(STORE, () -> {
				jdbc().sql("""
						INSERT INTO model_version (model, version, metadata, weights_key, weights_sha256, weights_size)
						VALUES (:name, :version, :metadata, :key, :sha256, :size)""")
					.param("name", name)
					.param("version", version)
					.param("metadata", this.json.writeValueAsString(stored))
					.param("key", key)
					.param("sha256", written.sha256())
					.param("size", written.size())
					.update();
				return notifyChange(name);
			});
		}
		catch (DataIntegrityViolationException ex) {
			this.blobs.delete(key);
			throw new IOException("version " + version + " of model " + name + " is already published", ex);
		}
		return stored;
	}

	/** Sends this store's change of {@code name} to the other replicas, on commit. */
	private int notifyChange(String name) {
		jdbc().sql("SELECT pg_notify(:channel, :payload)")
			.param("channel", CHANNEL)
			.param("payload", ChangeListener.payload(this.instance, name))
			.query((rs) -> {
			});
		return 0;
	}

	/** The bytes as stored: the repository verifies them against the recorded SHA-256. */
	@Override
	public <T> T readWeights(String name, int version, BlobReader<T> reader) throws IOException {
		String key = weightsKey(name, version);
		try (InputStream in = this.blobs.open(key, null)) {
			return reader.read(in);
		}
	}

	private String weightsKey(String name, int version) throws NoSuchFileException {
		return this.database
			.call(STORE,
					() -> jdbc().sql("SELECT weights_key FROM model_version WHERE model = :name AND version = :version")
						.param("name", name)
						.param("version", version)
						.query(String.class)
						.optional())
			.orElseThrow(() -> new NoSuchFileException(name + " v" + version, null, "no such version"));
	}

	/** Row first (the version is gone at once), then its blob. */
	@Override
	public void deleteVersion(String name, int version) throws IOException {
		Optional<String> key = this.database.inTransaction(STORE, () -> {
			Optional<String> deleted = jdbc()
				.sql("DELETE FROM model_version WHERE model = :name AND version = :version RETURNING weights_key")
				.param("name", name)
				.param("version", version)
				.query(String.class)
				.optional();
			deleted.ifPresent((k) -> notifyChange(name));
			return deleted;
		});
		if (key.isEmpty()) {
			throw new NoSuchFileException(name + " v" + version, null, "no such version");
		}
		// a blob left behind (the object store failing now) is swept as an orphan later
		this.blobs.delete(key.get());
	}

	/**
	 * Compare-and-set on the alias's row and the history row, in one transaction.
	 */
	@Override
	public boolean moveAlias(AliasMove move) throws IOException {
		try {
			return this.database.inTransaction(STORE, () -> {
				if (!applied(move)) {
					return false;
				}
				jdbc().sql("""
						INSERT INTO model_alias_move
						(model, alias, from_version, to_version, moved_at, at_nano, moved_by, reason, rollback)
						VALUES (:model, :alias, :from, :to, :at, :nano, :by, :reason, :rollback)""")
					.param("model", move.model())
					.param("alias", move.alias())
					.param("from", move.from())
					.param("to", move.to())
					.param("at", Timestamp.from(move.at()))
					.param("nano", move.at().getNano())
					.param("by", move.by())
					.param("reason", move.reason())
					.param("rollback", move.rollback())
					.update();
				notifyChange(move.model());
				return true;
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw new IOException("cannot move alias " + move.alias() + " of model " + move.model(), ex);
		}
	}

	private boolean applied(AliasMove move) {
		if (move.from() == null && move.to() == null) {
			return aliasVersion(move.model(), move.alias()).isEmpty();
		}
		JdbcClient.StatementSpec statement;
		if (move.from() == null) {
			statement = jdbc().sql("""
					INSERT INTO model_alias (model, alias, version) VALUES (:model, :alias, :to)
					ON CONFLICT (model, alias) DO NOTHING""");
		}
		else if (move.to() == null) {
			statement = jdbc()
				.sql("DELETE FROM model_alias WHERE model = :model AND alias = :alias AND version = :from");
		}
		else {
			statement = jdbc().sql(
					"UPDATE model_alias SET version = :to WHERE model = :model AND alias = :alias AND version = :from");
		}
		return statement.param("model", move.model())
			.param("alias", move.alias())
			.param("from", move.from())
			.param("to", move.to())
			.update() == 1;
	}

	private Optional<Integer> aliasVersion(String name, String alias) {
		return jdbc().sql("SELECT version FROM model_alias WHERE model = :model AND alias = :alias")
			.param("model", name)
			.param("alias", alias)
			.query(Integer.class)
			.optional();
	}

	@Override
	public List<AliasMove> aliasHistory(String name, String alias) {
		return this.database.call(STORE, () -> jdbc().sql("""
				SELECT from_version, to_version, moved_at, at_nano, moved_by, reason, rollback FROM model_alias_move
				WHERE model = :model AND alias = :alias ORDER BY moved_at DESC, at_nano DESC, id DESC""")
			.param("model", name)
			.param("alias", alias)
			.query((rs, i) -> {
				Instant at = rs.getTimestamp(3).toInstant();
				return new AliasMove(name, alias, (Integer) rs.getObject(1), (Integer) rs.getObject(2),
						Instant.ofEpochSecond(at.getEpochSecond(), rs.getInt(4)), rs.getString(5), rs.getString(6),
						rs.getBoolean(7));
			})
			.list());
	}

	@Override
	public Optional<AliasPolicy> aliasPolicy(String name, String alias) {
		return this.database.call(STORE,
				() -> jdbc().sql("""
						SELECT min_accuracy, must_beat_current, margin FROM model_alias_policy
						WHERE model = :model AND alias = :alias""")
					.param("model", name)
					.param("alias", alias)
					.query((rs, i) -> new AliasPolicy((Double) rs.getObject(1), (Boolean) rs.getObject(2),
							(Double) rs.getObject(3)))
					.optional());
	}

	@Override
	public void putAliasPolicy(String name, String alias, AliasPolicy policy) throws IOException {
		if (!modelExists(name)) {
			throw new NoSuchFileException(name, null, "no such model");
		}
		this.database.inTransaction(STORE, () -> {
			jdbc().sql("DELETE FROM model_alias_policy WHERE model = :model AND alias = :alias")
				.param("model", name)
				.param("alias", alias)
				.update();
			if (policy != null) {
				jdbc().sql("""
						INSERT INTO model_alias_policy (model, alias, min_accuracy, must_beat_current, margin)
						VALUES (:model, :alias, :min, :beat, :margin)""")
					.param("model", name)
					.param("alias", alias)
					.param("min", policy.minAccuracy())
					.param("beat", policy.mustBeatCurrent())
					.param("margin", policy.margin())
					.update();
			}
			return notifyChange(name);
		});
	}

	private boolean modelExists(String name) {
		return this.database.call(STORE,
				() -> jdbc().sql("SELECT count(*) FROM model WHERE name = :name")
					.param("name", name)
					.query(Long.class)
					.single() > 0);
	}

	@Override
	public void putTag(String name, int version, String key, String value) throws IOException {
		requireVersion(name, version);
		tagChange(name, """
				INSERT INTO model_version_tag (model, version, key, value) VALUES (:model, :version, :key, :value)
				ON CONFLICT (model, version, key) DO UPDATE SET value = EXCLUDED.value""", version, key, value);
	}

	@Override
	public boolean deleteTag(String name, int version, String key) throws IOException {
		requireVersion(name, version);
		return tagChange(name,
				"DELETE FROM model_version_tag WHERE model = :model AND version = :version AND key = :key", version,
				key, null) > 0;
	}

	private void requireVersion(String name, int version) throws NoSuchFileException {
		if (!versionExists(name, version)) {
			throw new NoSuchFileException(name + " v" + version, null, "no such version");
		}
	}

	private int tagChange(String name, String sql, int version, String key, String value) throws IOException {
		try {
			return this.database.inTransaction(STORE, () -> {
				Map<String, Object> params = new HashMap<>(Map.of("model", name, "version", version, "key", key));
				if (value != null) {
					params.put("value", value);
				}
				int changed = jdbc().sql(sql).params(params).update();
				notifyChange(name);
				return changed;
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw new NoSuchFileException(name + " v" + version, null, "no such version");
		}
	}

	/**
	 * Listens (on a connection of its own, started with the first listener) for the other
	 * replicas' changes, delivered within about a second.
	 */
	@Override
	public void onChange(Consumer<String> listener) {
		this.changes.add(listener);
	}

	/** DOWN when PostgreSQL or the object store cannot be reached. */
	@Override
	public StoreAvailability availability() {
		StoreAvailability database = this.database.availability();
		return database.available() ? this.blobs.availability() : database;
	}

	/**
	 * @return a sweeper of the weights blobs that no version references
	 */
	OrphanSweeper.References references() {
		return (key) -> this.database.call(STORE,
				() -> jdbc().sql("SELECT count(*) FROM model_version WHERE weights_key = :key")
					.param("key", key)
					.query(Long.class)
					.single() > 0);
	}

	/**
	 * @return a sweeper of this registry's orphan weights blobs
	 */
	public OrphanSweeper orphanSweeper(java.time.Duration grace, java.time.Clock clock,
			io.micrometer.core.instrument.MeterRegistry registry) {
		return new OrphanSweeper(this.blobs, KEYS, references(), grace, clock, registry, STORE);
	}

	/** Stops listening for other replicas' changes. */
	@Override
	public void close() {
		this.changes.close();
	}

}
