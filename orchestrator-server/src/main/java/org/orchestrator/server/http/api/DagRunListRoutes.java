package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET /api/v1/dags/{dag_id}/dagRuns} ({@code ~} for every DAG) and the batch form
 * {@code POST /api/v1/dags/~/dagRuns/list}: filtered by state and dates, ordered, paged.
 */
final class DagRunListRoutes {

    private final Api api;

    DagRunListRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns", "get_dag_runs", "List DAG runs (~ for every DAG)")
                .role(Role.VIEWER).query(QueryDocs.RUNS).returns(Response.collection("dag_runs", DagRunView.class)), this::list);
        router.add(Op.post("/api/v1/dags/~/dagRuns/list", "get_dag_runs_batch", "List DAG runs (batch)").role(Role.VIEWER)
                .body(Forms.DagRunListForm.class).returns(Response.collection("dag_runs", DagRunView.class)), this::batch);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        Filters.refuseUpdatedAt(q);
        List<String> dagIds = dagIds(PathParams.get(ctx, "dag_id"));
        respond(ctx, Filters.runs(q, dagIds, "state"), q.string("order_by").orElse(null), q.page());
    }

    private void batch(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.DagRunListForm.class);
        Page page = Page.of(body.integer("page_limit"), body.integer("page_offset"));
        respond(ctx, Filters.runs(body, body.list("dag_ids"), "states"), body.string("order_by").orElse(null), page);
    }

    private void respond(Context ctx, RunFilter filter, String orderBy, Page page) {
        Listing<DagRunRow> listing = api.orchestrator().reads().runs(filter, orderBy, page);
        ctx.json(DagRoutes.collection("dag_runs", listing.map(DagRunView::of)));
    }

    /** @return {@code []} for {@code ~} (every DAG), else the one DAG, which must exist */
    private List<String> dagIds(String dagId) {
        if (dagId.equals("~")) {
            return List.of();
        }
        api.orchestrator().reads().dag(dagId).orElseThrow(() -> Api.dagNotFound(dagId));
        return List.of(dagId);
    }
}
