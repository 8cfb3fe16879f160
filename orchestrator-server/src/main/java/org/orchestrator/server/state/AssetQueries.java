package org.orchestrator.server.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Assets and asset events as the REST API and the dashboard list them. */
public final class AssetQueries {

    private static final Map<String, String> EVENT_ORDER = Map.of("id", "e.id", "timestamp", "e.created_at",
            "source_dag_id", "e.source_dag_id", "asset_uri", "a.uri");
    private static final Map<String, String> ASSET_ORDER = Map.of("id", "id", "uri", "uri", "name", "name",
            "created_at", "created_at", "updated_at", "updated_at");
    private static final String EVENT_COLUMNS = "e.id, e.asset_id, a.uri, e.extra, e.source_dag_id, e.source_run_id, "
            + "e.source_task_id, e.source_map_index, e.created_at";

    private static final RowMapper<EventRow> EVENT = (rs, ctx) -> new EventRow(rs.getLong("id"), rs.getLong("asset_id"),
            rs.getString("uri"), rs.getString("extra"), rs.getString("source_dag_id"), rs.getString("source_run_id"),
            rs.getString("source_task_id"), (Integer) rs.getObject("source_map_index"), Rows.instant(rs, "created_at"));

    /**
     * One update of an asset.
     *
     * @param id             key
     * @param assetId        the asset's key
     * @param uri            the asset's URI
     * @param extraJson      what the producer said about it, a JSON object or null
     * @param sourceDagId    the producing DAG, or null for an external event
     * @param sourceRunId    its run, or null
     * @param sourceTaskId   its task, or null
     * @param sourceMapIndex its map index, or null
     * @param timestamp      when it was recorded
     */
    public record EventRow(long id, long assetId, String uri, String extraJson, String sourceDagId, String sourceRunId,
                           String sourceTaskId, Integer sourceMapIndex, Instant timestamp) {
    }

    /**
     * An asset with the DAGs that wait for it and the tasks that update it.
     *
     * @param id             key
     * @param uri            URI
     * @param name           name
     * @param extraJson      extra, a JSON object or null
     * @param createdAt      first declared
     * @param updatedAt      last changed
     * @param consumingDags  ids of the DAGs scheduled on it
     * @param producingTasks {@code dag_id.task_id} of the tasks that update it
     */
    public record AssetRow(long id, String uri, String name, String extraJson, Instant createdAt, Instant updatedAt,
                           List<String> consumingDags, List<TaskRef> producingTasks) {
    }

    /** @param dagId the DAG @param taskId the task */
    public record TaskRef(String dagId, String taskId) {
    }

    /**
     * Filters of {@code GET /assets/events}.
     *
     * @param uri         the asset, or null
     * @param sourceDagId the producing DAG, or null
     * @param sourceTaskId the producing task, or null
     * @param sourceRunId the producing run, or null
     * @param timestamp   bounds on when it was recorded
     */
    public record EventFilter(String uri, String sourceDagId, String sourceTaskId, String sourceRunId, Range<Instant> timestamp) {
    }

    /** @return one page of the assets whose URI contains the pattern (all when null) */
    public Listing<AssetRow> list(Tx h, String uriPattern, String orderBy, Page page) {
        Filter where = new Filter().contains("uri", uriPattern);
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM asset" + where.sql())).mapTo(Long.class).one();
        List<AssetRow> bare = where.bind(h.createQuery("SELECT * FROM asset" + where.sql()
                        + OrderBy.sql(orderBy, ASSET_ORDER, "id", "id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(AssetQueries::bareAsset).list();
        return new Listing<>(withReferences(h, bare), total);
    }

    /** @return the asset with this URI */
    public Optional<AssetRow> find(Tx h, String uri) {
        return h.createQuery("SELECT * FROM asset WHERE uri = :uri").bind("uri", uri).map(AssetQueries::bareAsset)
                .findOne().map(a -> withReferences(h, List.of(a)).getFirst());
    }

    /** @return one page of the events matching the filter, newest first unless ordered otherwise */
    public Listing<EventRow> events(Tx h, EventFilter f, String orderBy, Page page) {
        Filter where = new Filter().eq("a.uri", f.uri()).eq("e.source_dag_id", f.sourceDagId())
                .eq("e.source_task_id", f.sourceTaskId()).eq("e.source_run_id", f.sourceRunId())
                .within("e.created_at", f.timestamp());
        String from = " FROM asset_event e JOIN asset a ON a.id = e.asset_id";
        long total = where.bind(h.createQuery("SELECT COUNT(*)" + from + where.sql())).mapTo(Long.class).one();
        List<EventRow> items = where.bind(h.createQuery("SELECT " + EVENT_COLUMNS + from + where.sql()
                        + OrderBy.sql(orderBy, EVENT_ORDER, "-timestamp", "e.id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(EVENT).list();
        return new Listing<>(items, total);
    }

    /** @return the events with these keys, oldest first */
    public List<EventRow> events(Tx h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + EVENT_COLUMNS + " FROM asset_event e JOIN asset a ON a.id = e.asset_id "
                + "WHERE e.id IN (<ids>) ORDER BY e.id").bindList("ids", List.copyOf(ids)).map(EVENT).list();
    }

    /** @return the event */
    public Optional<EventRow> event(Tx h, long id) {
        return events(h, List.of(id)).stream().findFirst();
    }

    /** @return the events a run was created from (empty for a run not triggered by assets) */
    public List<EventRow> consumedBy(Tx h, String dagId, String runId) {
        return h.createQuery("SELECT " + EVENT_COLUMNS + " FROM dag_run_asset_event l JOIN dag_run r ON r.id = l.run_id "
                        + "JOIN asset_event e ON e.id = l.event_id JOIN asset a ON a.id = e.asset_id "
                        + "WHERE r.dag_id = :dag AND r.run_id = :run ORDER BY e.id")
                .bind("dag", dagId).bind("run", runId).map(EVENT).list();
    }

    /** @param dagId the DAG @param runId the run */
    public record RunRef(String dagId, String runId) {
    }

    /** @return the runs each event created: event key → runs */
    public Map<Long, List<RunRef>> createdRuns(Tx h, Collection<Long> eventIds) {
        Map<Long, List<RunRef>> runs = new LinkedHashMap<>();
        if (!eventIds.isEmpty()) {
            h.createQuery("SELECT l.event_id, r.dag_id, r.run_id FROM dag_run_asset_event l JOIN dag_run r ON r.id = l.run_id "
                            + "WHERE l.event_id IN (<ids>) ORDER BY r.id").bindList("ids", List.copyOf(eventIds))
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), new RunRef(rs.getString(2), rs.getString(3)))).list()
                    .forEach(e -> runs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return runs;
    }

    /** @return the events queued for a DAG: updates its next asset-triggered run will consume */
    public List<Assets.Queued> queuedFor(Tx h, String dagId) {
        return h.createQuery("SELECT q.event_id, q.target_dag_id, a.uri, q.created_at FROM asset_dag_run_queue q "
                + "JOIN asset a ON a.id = q.asset_id WHERE q.target_dag_id = :dag ORDER BY q.event_id")
                .bind("dag", dagId).map(Assets.Queued.MAPPER).list();
    }

    private static AssetRow bareAsset(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new AssetRow(rs.getLong("id"), rs.getString("uri"), rs.getString("name"), rs.getString("extra"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), List.of(), List.of());
    }

    private static List<AssetRow> withReferences(Tx h, List<AssetRow> bare) {
        if (bare.isEmpty()) {
            return bare;
        }
        List<Long> ids = bare.stream().map(AssetRow::id).toList();
        Map<Long, List<String>> consumers = new LinkedHashMap<>();
        h.createQuery("SELECT asset_id, dag_id FROM dag_schedule_asset WHERE asset_id IN (<ids>) ORDER BY dag_id")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> consumers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<Long, List<TaskRef>> producers = new LinkedHashMap<>();
        h.createQuery("SELECT asset_id, dag_id, task_id FROM task_outlet_asset WHERE asset_id IN (<ids>) ORDER BY dag_id, task_id")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getLong(1), new TaskRef(rs.getString(2), rs.getString(3)))).list()
                .forEach(e -> producers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return bare.stream().map(a -> new AssetRow(a.id(), a.uri(), a.name(), a.extraJson(), a.createdAt(), a.updatedAt(),
                consumers.getOrDefault(a.id(), List.of()), producers.getOrDefault(a.id(), List.of()))).toList();
    }
}
