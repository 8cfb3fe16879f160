package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.EventLogQueries.EventFilter;
import org.orchestrator.server.state.EventLogQueries.EventRecord;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/** {@code GET /api/v1/eventLogs} and {@code …/{event_log_id}}: the audit log of mutating calls. */
final class EventLogRoutes {

    private final Api api;

    /** Airflow's {@code EventLog}, plus {@code source_ip}. */
    record EventLogView(long eventLogId, Instant when, String dagId, String taskId, String runId, Integer mapIndex,
                        Integer tryNumber, String event, Instant executionDate, String owner, String extra,
                        String sourceIp) {
        static EventLogView of(EventRecord e) {
            return new EventLogView(e.id(), e.when(), e.dagId(), e.taskId(), e.runId(), null, null, e.event(), null,
                    e.owner(), e.extra(), e.sourceIp());
        }
    }

    EventLogRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/eventLogs", "get_event_logs", "List audit log entries").role(Role.VIEWER)
                .query(QueryDocs.EVENTS).returns(Response.collection("event_logs", EventLogView.class)), this::list);
        router.add(Op.get("/api/v1/eventLogs/{event_log_id}", "get_event_log", "Get an audit log entry").role(Role.VIEWER)
                .returns(Response.of(EventLogView.class)), this::get);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        // Audit rows carry no try number or map index: asking for one matches nothing.
        boolean noMatch = q.integer("try_number").isPresent() || q.integer("map_index").isPresent();
        EventFilter filter = new EventFilter(q.string("dag_id").orElse(null), q.string("task_id").orElse(null),
                q.string("run_id").orElse(null), q.string("event").orElse(null), q.string("owner").orElse(null),
                q.list("included_events"), q.list("excluded_events"), q.instant("after"), q.instant("before"), noMatch);
        ctx.json(DagRoutes.collection("event_logs", api.orchestrator().reads().events(filter,
                q.string("order_by").orElse(null), q.page()).map(EventLogView::of)));
    }

    private void get(Context ctx) {
        long id = Api.longParam(ctx, "event_log_id");
        ctx.json(api.orchestrator().reads().event(id).map(EventLogView::of)
                .orElseThrow(() -> ApiProblem.notFound("event log " + id + " not found")));
    }
}
