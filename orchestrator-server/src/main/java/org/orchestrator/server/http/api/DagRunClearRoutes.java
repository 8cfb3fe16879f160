package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.server.http.Audit;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.http.query.Range;
import org.orchestrator.server.http.query.TaskInstanceQueries;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;

/**
 * Airflow's {@code POST /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear}: every finished task
 * instance of the run goes back to {@code none} and the run to {@code queued}, so the whole run
 * runs again. As in Airflow, {@code dry_run} defaults to true and answers the task instances that
 * would be cleared (a {@code TaskInstanceCollection}); a real clear answers the run.
 */
final class DagRunClearRoutes {

    private final Api api;
    private final TaskInstanceQueries queries;
    private final TaskClearing clearing = new TaskClearing();

    /** Airflow's {@code TaskInstanceCollection}. */
    record TaskInstances(List<TaskInstanceView> taskInstances, long totalEntries) {
    }

    DagRunClearRoutes(Api api) {
        this.api = api;
        this.queries = new TaskInstanceQueries(api.orchestrator().database().isPostgres());
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear", "clear_dag_run",
                        "Clear every task of a DAG run so it runs again").role(Role.OP).body(Forms.ClearRunForm.class)
                .returns(Response.of(DagRunView.class).or(Response.collection("task_instances", TaskInstanceView.class))),
                this::clear);
    }

    private void clear(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        boolean dryRun = JsonBody.of(ctx).allowOnly(Forms.ClearRunForm.class).bool("dry_run").orElse(true);
        Dag dag = api.loadedDag(dagId).dag();
        TaskInstanceFilter filter = new TaskInstanceFilter(List.of(dagId), List.of(runId), List.of(), ClearRoutes.CLEARABLE,
                List.of(), Range.any(), Range.any(), Range.any(), Range.any());
        List<TaskInstanceRecord> selected = api.orchestrator().jdbi().withHandle(h -> {
            api.run(h, dagId, runId);
            return queries.matching(h, filter);
        });
        if (dryRun) {
            List<TaskInstanceView> views = selected.stream().map(r -> TaskInstanceView.of(r, api.maybeLoaded(dagId))).toList();
            ctx.json(new TaskInstances(views, views.size()));
            return;
        }
        List<TaskInstanceRecord> cleared = clearing.clear(api.orchestrator().jdbi(), dag, selected, true,
                api.orchestrator().clock().instant());
        api.audit().record(ctx, new Audit.Action("api.clear_dag_run", dagId, runId, null,
                Json.write(Map.of("cleared", cleared.size()))));
        api.orchestrator().sweeper().wakeup();
        api.orchestrator().executor().checkRunningTries();
        DagRunRow run = api.orchestrator().jdbi().withHandle(h -> api.run(h, dagId, runId));
        ctx.json(DagRunView.of(run));
    }
}
