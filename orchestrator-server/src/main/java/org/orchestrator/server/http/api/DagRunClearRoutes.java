package org.orchestrator.server.http.api;

import org.orchestrator.server.ops.ClearScope;
import io.javalin.http.Context;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.DagRunRow;

/**
 * Airflow's {@code POST /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear}: every finished task
 * instance of the run goes back to {@code none} and the run to {@code queued}, so the whole run
 * runs again. As in Airflow, {@code dry_run} defaults to true and answers the task instances that
 * would be cleared (a {@code TaskInstanceCollection}); a real clear answers the run, whose
 * {@code dag_version} is the latest when {@code run_on_latest_version} chose it.
 */
final class DagRunClearRoutes {

    private final Api api;

    /** Airflow's {@code TaskInstanceCollection}. */
    record TaskInstances(List<TaskInstanceView> taskInstances, long totalEntries) {
    }

    DagRunClearRoutes(Api api) {
        this.api = api;
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
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ClearRunForm.class);
        boolean dryRun = body.bool("dry_run").orElse(true);
        Dag dag = api.loadedDag(dagId).dag();
        DagRunRow run = api.run(dagId, runId);
        List<TaskInstanceRecord> selected = api.ops().tasks().preview(ClearScope.wholeRun(dag, runId));
        if (dryRun) {
            List<TaskInstanceView> views = selected.stream().map(r -> TaskInstanceView.of(r, api.maybeLoaded(dagId))).toList();
            ctx.json(new TaskInstances(views, views.size()));
            return;
        }
        api.ops().runs().clear(Api.actor(ctx), dag, run, selected.stream().map(TaskInstanceRecord::ti).toList(),
                ClearRoutes.chosenVersion(api, dagId, body));
        ctx.json(DagRunView.of(api.run(dagId, runId)));
    }
}
