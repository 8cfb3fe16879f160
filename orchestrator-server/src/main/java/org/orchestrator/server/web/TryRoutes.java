package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.GridQueries.TrySpan;

/**
 * {@code GET /ui/api/dags/{dag_id}/dagRuns/{dag_run_id}/tries}: every ended try of every task of
 * a run (task, try number, outcome, start, end), for the Gantt chart's one span per try. The
 * try a task is running now is not listed: its instance describes it. A dashboard helper, not
 * part of the Airflow API.
 */
final class TryRoutes {

    private final Orchestrator orchestrator;

    TryRoutes(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    void register(Javalin app) {
        app.get("/ui/api/dags/{dag_id}/dagRuns/{dag_run_id}/tries", this::tries, Role.VIEWER);
    }

    private void tries(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        List<TrySpan> spans = orchestrator.reads().tries(dagId, runId).orElseThrow(() -> ApiProblem.notFound(
                "DAG run " + ApiProblem.quote(runId) + " of DAG " + ApiProblem.quote(dagId) + " not found"));
        ctx.json(Map.of("tries", spans));
    }
}
