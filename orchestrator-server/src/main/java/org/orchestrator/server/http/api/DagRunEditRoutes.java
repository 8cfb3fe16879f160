package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Map;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.Audit;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.query.DagRunQueries;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}} ({@code {"state": success|failed|queued}},
 * see {@link RunStateChange}) and {@code DELETE} of a run with its task instances.
 */
final class DagRunEditRoutes {

    private static final String PATH = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}";

    private final Api api;
    private final RunStateChange change = new RunStateChange();
    private final DagRunQueries runs = new DagRunQueries();

    DagRunEditRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.patch(PATH, "update_dag_run_state", "Set a DAG run's state").role(Role.OP)
                .body(Forms.DagRunStateForm.class).returns(Response.of(DagRunView.class)), this::setState);
        router.add(Op.delete(PATH, "delete_dag_run", "Delete a DAG run and its task instances").role(Role.OP), this::delete);
    }

    private void setState(Context ctx) {
        DagRunState to = state(JsonBody.of(ctx).allowOnly(Forms.DagRunStateForm.class));
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        DagRunRow run = api.orchestrator().jdbi().inTransaction(h ->
                change.apply(h, api.run(h, dagId, runId), to, api.orchestrator().clock().instant()));
        api.audit().record(ctx, new Audit.Action("api.update_dag_run_state", dagId, runId, null,
                Json.write(Map.of("state", to.wireName()))));
        api.orchestrator().sweeper().wakeup();
        api.orchestrator().executor().checkRunningTries();
        ctx.json(DagRunView.of(run));
    }

    private void delete(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        api.orchestrator().jdbi().useTransaction(h -> runs.delete(h, api.run(h, dagId, runId).id()));
        api.audit().record(ctx, new Audit.Action("api.delete_dag_run", dagId, runId, null, null));
        api.orchestrator().executor().checkRunningTries();
        ctx.status(204);
    }

    private static DagRunState state(JsonBody body) {
        String state = body.string("state").orElseThrow(() ->
                ApiProblem.badRequest("field 'state' (success, failed or queued) is required"));
        return switch (state) {
            case "success" -> DagRunState.SUCCESS;
            case "failed" -> DagRunState.FAILED;
            case "queued" -> DagRunState.QUEUED;
            default -> throw ApiProblem.badRequest("'state' must be success, failed or queued, got " + ApiProblem.quote(state));
        };
    }
}
