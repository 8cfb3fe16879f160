package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.ImportErrors.ImportErrorRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/** {@code GET /api/v1/importErrors} and {@code …/{import_error_id}}: bundles that failed to load. */
final class ImportErrorRoutes {

    private final Api api;

    /** Airflow's {@code ImportError}; {@code stack_trace} holds the message naming the problem. */
    record ImportErrorView(long importErrorId, Instant timestamp, String filename, String stackTrace) {
        static ImportErrorView of(ImportErrorRow row) {
            return new ImportErrorView(row.id(), row.createdAt(), row.filename(), row.message());
        }
    }

    ImportErrorRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/importErrors", "get_import_errors", "List import errors").role(Role.VIEWER)
                .query(Param.PAGE).returns(Response.collection("import_errors", ImportErrorView.class)), this::list);
        router.add(Op.get("/api/v1/importErrors/{import_error_id}", "get_import_error", "Get an import error")
                .role(Role.VIEWER).returns(Response.of(ImportErrorView.class)), this::get);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        ctx.json(DagRoutes.collection("import_errors", api.orchestrator().reads().importErrors(
                q.string("order_by").orElse(null), q.page()).map(ImportErrorView::of)));
    }

    private void get(Context ctx) {
        long id = Api.longParam(ctx, "import_error_id");
        ctx.json(api.orchestrator().reads().importError(id).map(ImportErrorView::of)
                .orElseThrow(() -> ApiProblem.notFound("import error " + id + " not found")));
    }
}
