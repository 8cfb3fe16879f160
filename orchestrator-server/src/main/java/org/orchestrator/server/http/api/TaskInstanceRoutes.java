package org.orchestrator.server.http.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.query.Listing;
import org.orchestrator.server.http.query.TaskInstanceQueries;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceRecord;

/** Reading the task instances of a run. */
final class TaskInstanceRoutes {

    private final Api api;
    private final TaskInstanceQueries queries;

    TaskInstanceRoutes(Api api) {
        this.api = api;
        this.queries = new TaskInstanceQueries(api.orchestrator().database().isPostgres());
    }

    void register(Javalin app) {
        app.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", this::list, Role.VIEWER);
        app.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", this::get, Role.VIEWER);
    }

    private void list(Context ctx) {
        String dagId = ctx.pathParam("dag_id");
        String runId = ctx.pathParam("dag_run_id");
        QueryParams q = new QueryParams(ctx);
        Listing<TaskInstanceRecord> page = api.orchestrator().jdbi().withHandle(h -> {
            api.run(h, dagId, runId);
            return queries.list(h, TaskInstanceFilter.ofRun(dagId, runId), q.string("order_by").orElse(null), q.page());
        });
        Optional<LoadedDag> dag = api.maybeLoaded(dagId);
        ctx.json(DagRoutes.collection("task_instances", page.map(ti -> TaskInstanceView.of(ti, dag))));
    }

    private void get(Context ctx) {
        String dagId = ctx.pathParam("dag_id");
        String runId = ctx.pathParam("dag_run_id");
        String taskId = ctx.pathParam("task_id");
        TaskInstanceRecord ti = api.orchestrator().jdbi().withHandle(h -> {
            api.run(h, dagId, runId);
            return queries.find(h, dagId, runId, taskId);
        }).orElseThrow(() -> ApiProblem.notFound("task " + ApiProblem.quote(taskId) + " has no instance in DAG run "
                + ApiProblem.quote(runId) + " of DAG " + ApiProblem.quote(dagId)));
        ctx.json(TaskInstanceView.of(ti, api.maybeLoaded(dagId)));
    }
}
