package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.ops.ClearScope;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code POST /api/v1/dags/{dag_id}/clearTaskInstances}, with Airflow's form and defaults
 * ({@code dry_run} and {@code only_failed} default to true). Answers the instances cleared (or,
 * on a dry run, those that would be) as a {@code TaskInstanceReferenceCollection}. The runs rerun
 * the DAG version they record unless {@code run_on_latest_version} is true (see TaskClearing).
 */
final class ClearRoutes {

    private final Api api;

    /** Airflow's {@code TaskInstanceReference}. */
    record Reference(String taskId, String dagId, Instant executionDate, String dagRunId) {
        static Reference of(TaskInstanceRecord r) {
            return new Reference(r.ti().taskId(), r.ti().dagId(), r.logicalDate(), r.ti().runId());
        }
    }

    /** Airflow's {@code TaskInstanceReferenceCollection}. */
    record References(List<Reference> taskInstances) {
    }

    ClearRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/dags/{dag_id}/clearTaskInstances", "post_clear_task_instances",
                        "Clear task instances so they run again").role(Role.OP).body(Forms.ClearForm.class)
                .returns(Response.of(References.class)), this::clear);
    }

    private void clear(Context ctx) {
        Dag dag = api.loadedDag(PathParams.get(ctx, "dag_id")).dag();
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ClearForm.class);
        refuseUnsupported(body);
        ClearScope scope = scope(dag, body);
        List<TaskInstanceRecord> result = body.bool("dry_run").orElse(true) ? api.ops().tasks().preview(scope)
                : api.ops().tasks().clear(Api.actor(ctx), scope, body.bool("reset_dag_runs").orElse(true),
                        chosenVersion(api, dag.id(), body), ctx.body());
        ctx.json(new References(result.stream().map(Reference::of).toList()));
    }

    /**
     * {@code run_on_latest_version} (Airflow 3's name): the DAG's current version, which the
     * cleared runs then record; by default (null) each run reruns the version it records.
     */
    static String chosenVersion(Api api, String dagId, JsonBody body) {
        return body.bool("run_on_latest_version").orElse(false) ? api.loadedDag(dagId).version() : null;
    }

    /** Airflow's form, defaults included ({@code only_failed} is true unless sent false). */
    private static ClearScope scope(Dag dag, JsonBody body) {
        List<String> chosen = body.strings("task_ids").orElse(List.of());
        if (body.strings("task_ids").isPresent() && chosen.isEmpty()) {
            throw ApiProblem.badRequest("'task_ids' must name at least one task; leave it out to clear every task");
        }
        return new ClearScope(dag, chosen, body.bool("include_upstream").orElse(false),
                body.bool("include_downstream").orElse(false), body.bool("only_failed").orElse(true),
                body.string("dag_run_id").orElse(null), body.bool("include_past").orElse(false),
                body.bool("include_future").orElse(false), new Range<>(body.instant("start_date"), body.instant("end_date")));
    }

    private static void refuseUnsupported(JsonBody body) {
        if (body.bool("only_running").orElse(false)) {
            throw ApiProblem.badRequest("'only_running' is not supported: set 'only_failed' to false and name "
                    + "the tasks to clear (running ones included)");
        }
        if (body.bool("include_subdags").orElse(false) || body.bool("include_parentdag").orElse(false)) {
            throw ApiProblem.badRequest("there are no subdags: 'include_subdags' and 'include_parentdag' must be false");
        }
    }
}
