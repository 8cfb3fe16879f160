package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.ops.ClearScope;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code PATCH …/taskInstances/{task_id}} with {@code new_state}: an operator marks a task
 * instance {@code success} or {@code failed} (from any state) or {@code skipped} (where the
 * transition table allows it, else 409). As in Airflow, {@code dry_run} defaults to true. A try
 * still running when its instance is marked finishes without overwriting the mark.
 */
final class MarkRoutes {

    private final Api api;

    MarkRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.patch("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", "patch_task_instance",
                        "Mark a task instance success, failed or skipped").role(Role.OP).body(Forms.MarkForm.class)
                .returns(Response.of(ClearRoutes.Reference.class)), this::mark);
        router.add(Op.post("/api/v1/dags/{dag_id}/updateTaskInstancesState", "post_set_task_instances_state",
                        "Mark a task in a run, widened up- and downstream and to past and future runs").role(Role.OP)
                .body(Forms.MarkScopeForm.class).returns(Response.of(ClearRoutes.References.class)), this::markScope);
    }

    /**
     * Airflow's {@code updateTaskInstancesState}, with the run named by {@code dag_run_id}: the
     * instances the scope takes that are not yet in {@code new_state}; {@code dry_run} (default
     * true) only lists them.
     */
    private void markScope(Context ctx) {
        Dag dag = api.loadedDag(PathParams.get(ctx, "dag_id")).dag();
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.MarkScopeForm.class);
        TaskState target = newState(body);
        if (target == TaskState.SKIPPED) {
            throw ApiProblem.badRequest("'new_state' must be success or failed");
        }
        String taskId = body.string("task_id").orElseThrow(() -> ApiProblem.badRequest("field 'task_id' is required"));
        String runId = body.string("dag_run_id").orElseThrow(() -> ApiProblem.badRequest("field 'dag_run_id' is required"));
        ClearScope scope = ClearScope.forMark(dag, taskId, runId, body.bool("include_upstream").orElse(false),
                body.bool("include_downstream").orElse(false), body.bool("include_past").orElse(false),
                body.bool("include_future").orElse(false));
        List<TaskInstanceRecord> result = body.bool("dry_run").orElse(true) ? api.ops().tasks().previewMark(scope, target)
                : api.ops().tasks().mark(Api.actor(ctx), scope, target);
        ctx.json(new ClearRoutes.References(result.stream().map(ClearRoutes.Reference::of).toList()));
    }

    private void mark(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.MarkForm.class);
        TaskState target = newState(body);
        boolean dryRun = body.bool("dry_run").orElse(true);
        TaskInstanceRecord record = api.taskInstance(dagId, runId, taskId);
        if (!dryRun) {
            api.ops().tasks().mark(Api.actor(ctx), record.ti(), target);
        }
        ctx.json(ClearRoutes.Reference.of(record));
    }

    private static TaskState newState(JsonBody body) {
        String state = body.string("new_state").orElseThrow(() ->
                ApiProblem.badRequest("field 'new_state' (success, failed or skipped) is required"));
        return switch (state) {
            case "success" -> TaskState.SUCCESS;
            case "failed" -> TaskState.FAILED;
            case "skipped" -> TaskState.SKIPPED;
            default -> throw ApiProblem.badRequest("'new_state' must be success, failed or skipped, got " + ApiProblem.quote(state));
        };
    }
}
