package org.orchestrator.server.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.internal.Json;

/**
 * The grid's data in two queries: a DAG's latest runs, and the state, try and duration of every
 * task instance of some of them. Read straight from the tables because the grid may show
 * hundreds of runs of hundreds of tasks, and the API's full task instance objects for 100,000
 * cells would be tens of megabytes.
 */
final class GridQueries {

    /**
     * A run as the grid needs it.
     *
     * @param id          its primary key (not sent; used to read its cells)
     * @param dagRunId    run id
     * @param state       queued, running, success or failed
     * @param runType     scheduled, manual or backfill
     * @param logicalDate logical date
     * @param startDate   start, or null
     * @param endDate     end, or null
     * @param conf        the run's conf
     */
    record GridRun(@JsonIgnore long id, String dagRunId, String state, String runType, Instant logicalDate, Instant startDate,
                   Instant endDate, Map<String, Object> conf) {
    }

    /**
     * One grid cell.
     *
     * @param runId     run id
     * @param taskId    task id
     * @param state     state, or null before it is scheduled (Airflow's spelling of none)
     * @param tryNumber tries started
     * @param duration  seconds of the latest try, or null while it runs
     */
    record Cell(String runId, String taskId, String state, int tryNumber, Double duration) {
    }

    /** @return the DAG's newest runs, at most {@code limit}, oldest first */
    List<GridRun> runs(Handle h, String dagId, int limit) {
        List<GridRun> newestFirst = h.createQuery("SELECT id, run_id, state, run_type, logical_date, start_date, end_date, conf "
                        + "FROM dag_run WHERE dag_id = :dag ORDER BY logical_date DESC LIMIT :limit")
                .bind("dag", dagId).bind("limit", limit)
                .map((rs, ctx) -> new GridRun(rs.getLong("id"), rs.getString("run_id"), rs.getString("state"), rs.getString("run_type"),
                        instant(rs, "logical_date"), instant(rs, "start_date"), instant(rs, "end_date"),
                        conf(rs.getString("conf")))).list();
        return newestFirst.reversed();
    }

    /** @return how many runs the DAG has in all */
    long count(Handle h, String dagId) {
        return h.createQuery("SELECT COUNT(*) FROM dag_run WHERE dag_id = :dag").bind("dag", dagId).mapTo(Long.class).one();
    }

    /** @return the cells of these runs, through the (run, task) index */
    List<Cell> cells(Handle h, List<GridRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<Long, String> runIds = runs.stream().collect(Collectors.toMap(GridRun::id, GridRun::dagRunId));
        return h.createQuery("SELECT run_pk, task_id, state, try_number, start_date, end_date FROM task_instance "
                        + "WHERE run_pk IN (<runs>)")
                .bindList("runs", List.copyOf(runIds.keySet()))
                .map((rs, ctx) -> new Cell(runIds.get(rs.getLong("run_pk")), rs.getString("task_id"), state(rs.getString("state")),
                        rs.getInt("try_number"), seconds(instant(rs, "start_date"), instant(rs, "end_date")))).list();
    }

    private static String state(String stored) {
        return "none".equals(stored) ? null : stored;
    }

    private static Double seconds(Instant start, Instant end) {
        return start == null || end == null ? null : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
    }

    private static Map<String, Object> conf(String json) {
        try {
            return Json.objectOf(json);
        } catch (IllegalArgumentException e) {
            // The server writes conf as a JSON object; anything else is shown as empty, as the API does.
            return Map.of();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
