package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.DagRunRow;

/**
 * {@code GET /api/v1/slaMisses}: the runs the sweep found late for their DAG's SLA, newest first
 * (Airflow 2 lists these only in its UI's Browse menu; the dashboard's page reads them here).
 */
final class SlaMissRoutes {

    /** One late run. */
    record SlaMissView(String dagId, String dagRunId, Instant logicalDate, String state, Instant slaMissedAt) {
        static SlaMissView of(DagRunRow run) {
            return new SlaMissView(run.dagId(), run.runId(), run.logicalDate(), run.state().wireName(), run.slaMissedAt());
        }
    }

    private final Api api;

    SlaMissRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/slaMisses", "get_sla_misses", "List runs that missed their SLA").role(Role.VIEWER)
                .query(Param.join(QueryDocs.LIMIT_OFFSET, Param.of("dag_id:string")))
                .returns(Response.collection("sla_misses", SlaMissView.class)), this::list);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        ctx.json(DagRoutes.collection("sla_misses", api.orchestrator().reads()
                .slaMisses(q.string("dag_id").orElse(null), q.page()).map(SlaMissView::of)));
    }
}
