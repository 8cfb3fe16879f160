package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.DagQueries.DagFilter;
import org.orchestrator.server.state.Dags.DagRow;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/** {@code GET /api/v1/dags}, {@code GET|PATCH|DELETE /api/v1/dags/{dag_id}}. */
final class DagRoutes {

    private final Api api;

    DagRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags", "get_dags", "List DAGs").role(Role.VIEWER).query(QueryDocs.DAGS)
                .returns(Response.collection("dags", DagView.class)), this::list);
        router.add(Op.get("/api/v1/dags/{dag_id}", "get_dag", "Get a DAG").role(Role.VIEWER)
                .returns(Response.of(DagView.class)), this::get);
        router.add(Op.patch("/api/v1/dags/{dag_id}", "patch_dag", "Pause or unpause a DAG").role(Role.OP)
                .query(Param.of("update_mask:string")).body(Forms.DagPatchForm.class).returns(Response.of(DagView.class)),
                this::patch);
        router.add(Op.delete("/api/v1/dags/{dag_id}", "delete_dag",
                "Delete a DAG that left the dags folder, with its runs and versions (409 while it is still defined or has active runs)")
                .role(Role.OP), this::delete);
        router.add(Op.patch("/api/v1/dags", "patch_dags", "Pause or unpause the DAGs matching dag_id_pattern")
                .role(Role.OP).query(QueryDocs.DAGS_BULK).body(Forms.DagPatchForm.class)
                .returns(Response.collection("dags", DagView.class)), this::patchMany);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        DagFilter filter = new DagFilter(q.string("dag_id_pattern").orElse(null), q.list("tags"),
                q.bool("paused").orElse(null), q.bool("only_active").orElse(true));
        Listing<DagRow> page = api.orchestrator().reads().dags(filter, q.string("order_by").orElse(null), q.page());
        Set<String> errorFiles = errorFiles();
        ctx.json(collection("dags", page.map(row -> view(row, errorFiles))));
    }

    private void get(Context ctx) {
        ctx.json(view(find(PathParams.get(ctx, "dag_id")), errorFiles()));
    }

    private void patch(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        boolean paused = pausedField(ctx);
        find(dagId);
        api.ops().dags().pause(Api.actor(ctx), dagId, paused);
        get(ctx);
    }

    private void delete(Context ctx) {
        api.ops().dags().delete(Api.actor(ctx), PathParams.get(ctx, "dag_id"));
        ctx.status(204);
    }

    /** Airflow's bulk form: every DAG matching {@code dag_id_pattern} ({@code ~} for all) and the filters. */
    private void patchMany(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        String pattern = q.string("dag_id_pattern").orElseThrow(() ->
                ApiProblem.badRequest("'dag_id_pattern' is required; use ~ for every DAG"));
        boolean paused = pausedField(ctx);
        DagFilter filter = new DagFilter(pattern.equals("~") ? null : pattern, q.list("tags"), null,
                q.bool("only_active").orElse(true));
        Listing<DagRow> matched = api.orchestrator().reads().dags(filter, null, q.page());
        api.ops().dags().pauseAll(Api.actor(ctx), matched.items().stream().map(DagRow::dagId).toList(), paused);
        Set<String> errorFiles = errorFiles();
        ctx.json(collection("dags", matched.map(row -> view(find(row.dagId()), errorFiles))));
    }

    /** @return the {@code is_paused} a PATCH body must carry (and nothing else, per {@code update_mask}) */
    private static boolean pausedField(Context ctx) {
        new QueryParams(ctx).string("update_mask").filter(mask -> !mask.equals("is_paused")).ifPresent(mask -> {
            throw ApiProblem.badRequest("only 'is_paused' can be updated, got update_mask " + ApiProblem.quote(mask));
        });
        return JsonBody.of(ctx).allowOnly(Forms.DagPatchForm.class).bool("is_paused").orElseThrow(() ->
                ApiProblem.badRequest("field 'is_paused' (a boolean) is required"));
    }

    private DagRow find(String dagId) {
        return api.orchestrator().reads().dag(dagId).orElseThrow(() -> Api.dagNotFound(dagId));
    }

    private DagView view(DagRow row, Set<String> errorFiles) {
        return DagView.of(row, api.maybeLoaded(row.dagId()), errorFiles);
    }

    private Set<String> errorFiles() {
        return api.importErrorFiles();
    }

    /** @return Airflow's collection shape: {@code {"<name>": [...], "total_entries": n}} */
    static Map<String, Object> collection(String name, Listing<?> listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, listing.items());
        body.put("total_entries", listing.totalEntries());
        return body;
    }
}
