package dev.descent.storage.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A table of JSON records, one row each ({@code id}, {@code state}, {@code record} jsonb,
 * {@code updated_at}; see {@code V2__job_dataset_sweep.sql}); the job and sweep stores
 * keep their records this way, as the filesystem backend keeps them in files. A save
 * replaces the row in one statement, so a reader sees the old record or the new one.
 * Records written by another version of the service, with fields this one does not know,
 * are read; unreadable ones are logged and skipped.
 *
 * @param <T> the record type
 */
final class JsonRecordRows<T> {

	private static final Logger logger = LoggerFactory.getLogger(JsonRecordRows.class);

	private final SharedDatabase database;

	private final String store;

	private final String table;

	private final JsonMapper mapper;

	private final ObjectReader reader;

	private final String what;

	private final String keepFinal;

	/**
	 * @param store "jobs" or "sweeps", named when the database cannot be reached
	 * @param table "job" or "sweep": a constant, never a client's string
	 * @param what names a record in log messages, e.g. "job"
	 */
	JsonRecordRows(SharedDatabase database, String store, String table, JsonMapper mapper, Class<T> type, String what) {
		this(database, store, table, mapper, type, what, Set.of());
	}

	/**
	 * @param finalStates states a record never leaves: a save over a record in one of
	 * them writes nothing, so that a replica with an older copy cannot undo another's
	 * final change (constants, never a client's string)
	 */
	JsonRecordRows(SharedDatabase database, String store, String table, JsonMapper mapper, Class<T> type, String what,
			Set<String> finalStates) {
		this.keepFinal = finalStates.isEmpty() ? ""
				: " where " + table + ".state not in ('" + String.join("', '", finalStates) + "')";
		this.database = database;
		this.store = store;
		this.table = table;
		this.mapper = mapper;
		this.reader = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.what = what;
	}

	void save(String id, String state, T record) {
		String json = this.mapper.writeValueAsString(record);
		this.database.call(this.store,
				() -> this.database.jdbc()
					.sql("insert into " + this.table + " (id, state, record, updated_at)"
							+ " values (:id, :state, cast(:record as jsonb), now()) on conflict (id) do update"
							+ " set state = excluded.state, record = excluded.record, updated_at = excluded.updated_at"
							+ this.keepFinal)
					.param("id", id)
					.param("state", state)
					.param("record", json)
					.update());
	}

	void delete(String id) {
		this.database.call(this.store,
				() -> this.database.jdbc()
					.sql("delete from " + this.table + " where id = :id")
					.param("id", id)
					.update());
	}

	Optional<T> load(String id) {
		Optional<String> json = this.database.call(this.store,
				() -> this.database.jdbc()
					.sql("select record::text from " + this.table + " where id = :id")
					.param("id", id)
					.query(String.class)
					.optional());
		try {
			return json.map((record) -> this.reader.<T>readValue(record));
		}
		catch (JacksonException ex) {
			logger.warn("Skipping unreadable {} record {}: {}", this.what, id, ex.getOriginalMessage());
			return Optional.empty();
		}
	}

	List<T> loadAll() {
		return read(this.database.call(this.store,
				() -> this.database.jdbc()
					.sql("select id, record::text as record from " + this.table + " order by id")
					.query((rs, n) -> new Row(rs.getString("id"), rs.getString("record")))
					.list()));
	}

	/**
	 * @return the readable records of these ids, in one query
	 */
	List<T> loadAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return read(this.database.call(this.store,
				() -> this.database.jdbc()
					.sql("select id, record::text as record from " + this.table + " where id in (:ids) order by id")
					.param("ids", List.copyOf(ids))
					.query((rs, n) -> new Row(rs.getString("id"), rs.getString("record")))
					.list()));
	}

	private List<T> read(List<Row> rows) {
		List<T> records = new ArrayList<>(rows.size());
		for (Row row : rows) {
			try {
				records.add(this.reader.readValue(row.record()));
			}
			catch (JacksonException ex) {
				logger.warn("Skipping unreadable {} record {}: {}", this.what, row.id(), ex.getOriginalMessage());
			}
		}
		return records;
	}

	private record Row(String id, String record) {
	}

}
