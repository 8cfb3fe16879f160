package org.orchestrator.server.http.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.http.Page;
import org.orchestrator.server.state.TaskInstanceRow;

/** Task instances as the API lists them, each with its run's logical date. */
public final class TaskInstanceQueries {

    private static final String FROM = " FROM task_instance ti JOIN dag_run r ON r.id = ti.run_pk";

    private static final RowMapper<TaskInstanceRecord> MAPPER = (rs, ctx) -> new TaskInstanceRecord(new TaskInstanceRow(
            rs.getLong("id"), rs.getLong("run_pk"), rs.getString("dag_id"), rs.getString("run_id"),
            rs.getString("task_id"), TaskState.fromWireName(rs.getString("state")), rs.getInt("try_number"),
            rs.getInt("max_tries"), rs.getString("pool"), rs.getInt("priority_weight"), rs.getString("node"),
            Columns.instant(rs, "queued_at"), Columns.instant(rs, "start_date"), Columns.instant(rs, "end_date"),
            Columns.instant(rs, "next_retry_at")), Columns.instant(rs, "logical_date"));

    private final String duration;
    private final Map<String, String> order;

    /** @param postgres true on PostgreSQL, false on H2: they compute durations differently */
    public TaskInstanceQueries(boolean postgres) {
        this.duration = postgres ? "EXTRACT(EPOCH FROM (ti.end_date - ti.start_date))"
                : "(DATEDIFF('MICROSECOND', ti.start_date, ti.end_date) / 1000000.0)";
        this.order = Map.ofEntries(Map.entry("id", "ti.id"), Map.entry("task_id", "ti.task_id"),
                Map.entry("dag_id", "ti.dag_id"), Map.entry("dag_run_id", "ti.run_id"), Map.entry("state", "ti.state"),
                Map.entry("start_date", "ti.start_date"), Map.entry("end_date", "ti.end_date"),
                Map.entry("duration", duration), Map.entry("try_number", "ti.try_number"), Map.entry("pool", "ti.pool"),
                Map.entry("priority_weight", "ti.priority_weight"), Map.entry("queued_when", "ti.queued_at"),
                Map.entry("logical_date", "r.logical_date"), Map.entry("execution_date", "r.logical_date"));
    }

    /**
     * A task instance and its run's logical date.
     *
     * @param ti          the instance
     * @param logicalDate its run's logical date
     */
    public record TaskInstanceRecord(TaskInstanceRow ti, Instant logicalDate) {
    }

    /**
     * Airflow's task instance filters; every bound is inclusive.
     *
     * @param dagId        the DAG, or null for all
     * @param runId        the run, or null for all
     * @param taskIds      any of these tasks, or empty
     * @param states       any of these states ({@code none} for Airflow's null), or empty
     * @param pools        any of these pools, or empty
     * @param logicalFrom  run logical date from
     * @param logicalTo    run logical date to
     * @param startFrom    start date from
     * @param startTo      start date to
     * @param endFrom      end date from
     * @param endTo        end date to
     * @param durationFrom duration in seconds from
     * @param durationTo   duration in seconds to
     */
    public record TaskInstanceFilter(String dagId, String runId, List<String> taskIds, List<String> states,
                                     List<String> pools, Optional<Instant> logicalFrom, Optional<Instant> logicalTo,
                                     Optional<Instant> startFrom, Optional<Instant> startTo, Optional<Instant> endFrom,
                                     Optional<Instant> endTo, Optional<Double> durationFrom, Optional<Double> durationTo) {

        /** @return a filter for every instance of one run */
        public static TaskInstanceFilter ofRun(String dagId, String runId) {
            return new TaskInstanceFilter(dagId, runId, List.of(), List.of(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /** @return one page of the instances matching the filter */
    public Listing<TaskInstanceRecord> list(Handle h, TaskInstanceFilter f, String orderBy, Page page) {
        Filter where = new Filter().eq("ti.dag_id", f.dagId()).eq("ti.run_id", f.runId()).in("ti.task_id", f.taskIds())
                .in("ti.state", f.states()).in("ti.pool", f.pools())
                .atLeast("r.logical_date", f.logicalFrom()).atMost("r.logical_date", f.logicalTo())
                .atLeast("ti.start_date", f.startFrom()).atMost("ti.start_date", f.startTo())
                .atLeast("ti.end_date", f.endFrom()).atMost("ti.end_date", f.endTo())
                .atLeast(duration, f.durationFrom()).atMost(duration, f.durationTo());
        long total = where.bind(h.createQuery("SELECT COUNT(*)" + FROM + where.sql())).mapTo(Long.class).one();
        List<TaskInstanceRecord> items = where.bind(h.createQuery("SELECT ti.*, r.logical_date" + FROM + where.sql()
                        + OrderBy.sql(orderBy, order, "id", "ti.id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return one task instance of a run */
    public Optional<TaskInstanceRecord> find(Handle h, String dagId, String runId, String taskId) {
        return h.createQuery("SELECT ti.*, r.logical_date" + FROM
                        + " WHERE ti.dag_id = :dag AND ti.run_id = :run AND ti.task_id = :task")
                .bind("dag", dagId).bind("run", runId).bind("task", taskId).map(MAPPER).findOne();
    }
}
