package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The audit log as Airflow's {@code eventLogs} lists it. */
public final class EventLogQueries {

    private static final Map<String, String> ORDER = Map.of("event_log_id", "id", "id", "id", "when", "dttm",
            "event", "event", "owner", "username", "dag_id", "dag_id", "task_id", "task_id", "run_id", "run_id");

    private static final RowMapper<EventRecord> MAPPER = (rs, ctx) -> new EventRecord(rs.getLong("id"),
            Rows.instant(rs, "dttm"), rs.getString("username"), rs.getString("event"), rs.getString("dag_id"),
            rs.getString("run_id"), rs.getString("task_id"), rs.getString("extra"), rs.getString("source_ip"));

    /**
     * One audit row.
     *
     * @param id       key
     * @param when     when
     * @param owner    who
     * @param event    what
     * @param dagId    DAG, if any
     * @param runId    run, if any
     * @param taskId   task, if any
     * @param extra    details
     * @param sourceIp from where
     */
    public record EventRecord(long id, Instant when, String owner, String event, String dagId, String runId,
                              String taskId, String extra, String sourceIp) {
    }

    /**
     * Airflow's event log filters.
     *
     * @param dagId    DAG, or null
     * @param taskId   task, or null
     * @param runId    run, or null
     * @param event    exact event, or null
     * @param owner    exact user, or null
     * @param included any of these events, or empty
     * @param excluded none of these events, or empty
     * @param after    strictly after
     * @param before   strictly before
     * @param noMatch  true when a filter was given that no row can match (try_number, map_index)
     */
    public record EventFilter(String dagId, String taskId, String runId, String event, String owner,
                              List<String> included, List<String> excluded, Optional<Instant> after,
                              Optional<Instant> before, boolean noMatch) {
    }

    /** @return one page of the audit rows matching the filter */
    public Listing<EventRecord> list(Tx h, EventFilter f, String orderBy, Page page) {
        Filter where = new Filter().eq("dag_id", f.dagId()).eq("task_id", f.taskId()).eq("run_id", f.runId())
                .eq("event", f.event()).eq("username", f.owner()).in("event", f.included()).notIn("event", f.excluded())
                .after("dttm", f.after()).before("dttm", f.before());
        if (f.noMatch()) {
            where.where("1 = 0");
        }
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM audit_log" + where.sql())).mapTo(Long.class).one();
        List<EventRecord> items = where.bind(h.createQuery("SELECT * FROM audit_log" + where.sql()
                        + OrderBy.sql(orderBy, ORDER, "id", "id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return one audit row */
    public Optional<EventRecord> find(Tx h, long id) {
        return h.createQuery("SELECT * FROM audit_log WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }
}
