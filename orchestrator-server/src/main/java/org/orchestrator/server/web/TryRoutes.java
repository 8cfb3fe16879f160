package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;

/**
 * {@code GET /ui/api/dags/{dag_id}/dagRuns/{dag_run_id}/tries}: every ended try of every task of
 * a run (task, try number, outcome, start, end), for the Gantt chart's one span per try. The
 * try a task is running now is not listed: its instance describes it. A dashboard helper, not
 * part of the Airflow API.
 */
final class TryRoutes {

    private final Orchestrator orchestrator;

    /** One ended try. */
    record TrySpan(String taskId, int tryNumber, String state, Instant startDate, Instant endDate) {
    }

    TryRoutes(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    void register(Javalin app) {
        app.get("/ui/api/dags/{dag_id}/dagRuns/{dag_run_id}/tries", this::tries, Role.VIEWER);
    }

    private void tries(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        List<TrySpan> spans = orchestrator.jdbi().withHandle(h -> {
            Long runPk = h.createQuery("SELECT id FROM dag_run WHERE dag_id = :dag AND run_id = :run")
                    .bind("dag", dagId).bind("run", runId).mapTo(Long.class).findOne()
                    .orElseThrow(() -> ApiProblem.notFound("DAG run " + ApiProblem.quote(runId) + " of DAG "
                            + ApiProblem.quote(dagId) + " not found"));
            return h.createQuery("SELECT ti.task_id, t.try_number, t.state, t.start_date, t.end_date FROM task_try t "
                            + "JOIN task_instance ti ON ti.id = t.ti_id WHERE ti.run_pk = :run ORDER BY ti.task_id, t.try_number")
                    .bind("run", runPk)
                    .map((rs, c) -> new TrySpan(rs.getString("task_id"), rs.getInt("try_number"), rs.getString("state"),
                            instant(rs, "start_date"), instant(rs, "end_date"))).list();
        });
        ctx.json(Map.of("tries", spans));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
