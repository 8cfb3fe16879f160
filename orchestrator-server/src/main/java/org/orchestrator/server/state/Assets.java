package org.orchestrator.server.state;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Assets and their events (data-aware scheduling): the references a DAG version declares, events
 * recorded by successful tries and by external producers, and the per-consumer queue that
 * asset-triggered runs consume.
 */
public final class Assets {

    /**
     * An asset as a DAG declares it.
     *
     * @param uri       its URI
     * @param name      its name
     * @param extraJson its extra, a JSON object
     */
    public record Declared(String uri, String name, String extraJson) {
    }

    /**
     * Who updated an asset: a task instance's try, or nobody named (an external event).
     *
     * @param dagId    the producing DAG, or null
     * @param runId    its run, or null
     * @param taskId   its task, or null
     * @param mapIndex its map index, or null
     */
    public record Source(String dagId, String runId, String taskId, Integer mapIndex) {
        /** An event posted from outside (REST), with no task behind it. */
        public static final Source EXTERNAL = new Source(null, null, null, null);
    }

    /**
     * An event waiting in a consumer's queue.
     *
     * @param eventId    the event
     * @param dagId      the consumer DAG
     * @param uri        the asset's URI
     * @param createdAt  when the event was recorded
     */
    public record Queued(long eventId, String dagId, String uri, Instant createdAt) {
        static final RowMapper<Queued> MAPPER = (rs, ctx) -> new Queued(rs.getLong("event_id"),
                rs.getString("target_dag_id"), rs.getString("uri"), Rows.instant(rs, "created_at"));
    }

    /**
     * Stores the assets a DAG version declares and replaces the DAG's references to them: what it
     * is scheduled on and what its tasks update.
     *
     * @param consumed the assets of its schedule (empty unless it is asset-scheduled)
     * @param outlets  task id → the assets it updates
     */
    public void declare(Tx h, String dagId, Collection<Declared> consumed, Map<String, List<Declared>> outlets, Instant now) {
        h.createUpdate("DELETE FROM dag_schedule_asset WHERE dag_id = :dag").bind("dag", dagId).execute();
        h.createUpdate("DELETE FROM task_outlet_asset WHERE dag_id = :dag").bind("dag", dagId).execute();
        for (Declared asset : consumed) {
            h.createUpdate("INSERT INTO dag_schedule_asset (dag_id, asset_id) VALUES (:dag, :asset)")
                    .bind("dag", dagId).bind("asset", store(h, asset, now)).execute();
        }
        outlets.forEach((taskId, assets) -> assets.forEach(asset ->
                h.createUpdate("INSERT INTO task_outlet_asset (dag_id, task_id, asset_id) VALUES (:dag, :task, :asset)")
                        .bind("dag", dagId).bind("task", taskId).bind("asset", store(h, asset, now)).execute()));
        // Events queued for assets this version no longer waits for would never be consumed.
        h.createUpdate("DELETE FROM asset_dag_run_queue WHERE target_dag_id = :dag AND asset_id NOT IN "
                + "(SELECT asset_id FROM dag_schedule_asset WHERE dag_id = :dag)").bind("dag", dagId).execute();
    }

    private long store(Tx h, Declared asset, Instant now) {
        Optional<Long> id = idOf(h, asset.uri());
        if (id.isPresent()) {
            h.createUpdate("UPDATE asset SET name = :name, extra = :extra, updated_at = :now WHERE id = :id "
                            + "AND (name <> :name OR extra IS NULL OR extra <> :extra)")
                    .bind("name", asset.name()).bind("extra", asset.extraJson()).bind("now", now).bind("id", id.get()).execute();
            return id.get();
        }
        return h.createUpdate("INSERT INTO asset (uri, name, extra, created_at, updated_at) VALUES (:uri, :name, :extra, :now, :now)")
                .bind("uri", asset.uri()).bind("name", asset.name()).bind("extra", asset.extraJson()).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return the asset's key, if the asset is known */
    public Optional<Long> idOf(Tx h, String uri) {
        return h.createQuery("SELECT id FROM asset WHERE uri = :uri").bind("uri", uri).mapTo(Long.class).findOne();
    }

    /**
     * Records an update of an asset and queues it for every active, unpaused DAG scheduled on it,
     * in the caller's transaction (a try's success outcome, or an operator's event).
     *
     * @return the event's key, or empty when no DAG declares the asset
     */
    public Optional<Long> record(Tx h, String uri, Source source, String extraJson, Instant now) {
        return idOf(h, uri).map(assetId -> record(h, assetId, source, extraJson, now));
    }

    private long record(Tx h, long assetId, Source source, String extraJson, Instant now) {
        long event = h.createUpdate("INSERT INTO asset_event (asset_id, extra, source_dag_id, source_run_id, source_task_id, "
                        + "source_map_index, created_at) VALUES (:asset, :extra, :dag, :run, :task, :mapIndex, :now)")
                .bind("asset", assetId).bind("extra", extraJson).bind("dag", source.dagId()).bind("run", source.runId())
                .bind("task", source.taskId()).bind("mapIndex", source.mapIndex()).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.createUpdate("INSERT INTO asset_dag_run_queue (event_id, target_dag_id, asset_id, created_at) "
                        + "SELECT :event, r.dag_id, :asset, :now FROM dag_schedule_asset r JOIN dag d ON d.dag_id = r.dag_id "
                        + "WHERE r.asset_id = :asset AND d.is_active AND NOT d.is_paused")
                .bind("event", event).bind("asset", assetId).bind("now", now).execute();
        return event;
    }

    /** @return every queued event, by consumer DAG then event */
    public List<Queued> queued(Tx h) {
        return h.createQuery("SELECT q.event_id, q.target_dag_id, a.uri, q.created_at FROM asset_dag_run_queue q "
                + "JOIN asset a ON a.id = q.asset_id ORDER BY q.target_dag_id, q.event_id").map(Queued.MAPPER).list();
    }

    /**
     * Takes a consumer's queued events for the run being created in the caller's transaction.
     *
     * @return how many rows this transaction deleted: fewer than asked means another transaction
     *         (another node) took some first, and the caller must roll back
     */
    public int consume(Tx h, String dagId, Set<Long> eventIds) {
        return h.createUpdate("DELETE FROM asset_dag_run_queue WHERE target_dag_id = :dag AND event_id IN (<ids>)")
                .bind("dag", dagId).bindList("ids", List.copyOf(eventIds)).execute();
    }

    /** Records which events made a run, in the transaction that creates it. */
    public void linkRun(Tx h, long runPk, Set<Long> eventIds) {
        var batch = h.prepareBatch("INSERT INTO dag_run_asset_event (run_id, event_id) VALUES (:run, :event)");
        eventIds.forEach(id -> batch.bind("run", runPk).bind("event", id).add());
        batch.execute();
    }
}
