package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.Audit;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.query.TaskInstanceQueries;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.TaskInstances;
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
    private final TaskInstanceQueries queries;
    private final TaskInstances tis = new TaskInstances();

    MarkRoutes(Api api) {
        this.api = api;
        this.queries = new TaskInstanceQueries(api.orchestrator().database().isPostgres());
    }

    void register(ApiRouter router) {
        router.add(Op.patch("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", "patch_task_instance",
                        "Mark a task instance success, failed or skipped").role(Role.OP).body(Forms.MarkForm.class)
                .returns(Response.of(ClearRoutes.Reference.class)), this::mark);
    }

    private void mark(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.MarkForm.class);
        TaskState target = newState(body);
        boolean dryRun = body.bool("dry_run").orElse(true);
        Instant now = api.orchestrator().clock().instant();
        TaskInstanceRecord record = api.orchestrator().jdbi().inTransaction(h -> {
            api.run(h, dagId, runId);
            TaskInstanceRecord ti = queries.find(h, dagId, runId, taskId).orElseThrow(() -> ApiProblem.notFound(
                    "task " + ApiProblem.quote(taskId) + " has no instance in DAG run " + ApiProblem.quote(runId)));
            if (!dryRun && ti.ti().state() != target && !tis.mark(h, ti.ti(), target, now)) {
                throw ApiProblem.conflict("task instance " + taskId + " changed state while being marked; try again");
            }
            return ti;
        });
        if (!dryRun) {
            api.audit().record(ctx, new Audit.Action("api.patch_task_instance", dagId, runId, taskId,
                    Json.write(Map.of("new_state", target.wireName()))));
            api.orchestrator().sweeper().wakeup();
            api.orchestrator().executor().checkRunningTries();
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
