package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.XComQueries.XComRecord;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET …/taskInstances/{task_id}/xcomEntries} and {@code …/xcomEntries/{xcom_key}}. As in
 * Airflow, a single entry's {@code value} is a string (the stored JSON text) unless
 * {@code stringify=false}, which returns the JSON value itself. We keep no XCom timestamps.
 */
final class XComRoutes {

    private static final String BASE = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries";

    private final Api api;

    /** Airflow's {@code XComCollectionItem}. */
    record XComItem(String key, Instant timestamp, Instant executionDate, int mapIndex, String taskId, String dagId,
                    String dagRunId) {
    }

    /** Airflow's {@code XCom}: the item and its value. */
    record XComEntry(String key, Instant timestamp, Instant executionDate, int mapIndex, String taskId, String dagId,
                     Object value) {
    }

    XComRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get(BASE, "get_xcom_entries", "List XCom entries (~ for every DAG, run or task)").role(Role.VIEWER)
                .query(Param.join(QueryDocs.LIMIT_OFFSET, Param.of("xcom_key:string")))
                .returns(Response.collection("xcom_entries", XComItem.class)), this::list);
        router.add(Op.get(BASE + "/{xcom_key}", "get_xcom_entry", "Get an XCom entry").role(Role.VIEWER)
                .query(Param.of("stringify:boolean")).returns(Response.of(XComEntry.class)), this::get);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        if (PathParams.get(ctx, "dag_id").equals("~") || PathParams.get(ctx, "dag_run_id").equals("~")) {
            across(ctx, q);
            return;
        }
        DagRunRow run = run(ctx);
        String taskId = PathParams.get(ctx, "task_id");
        String task = taskId.equals("~") ? null : taskId;
        ctx.json(DagRoutes.collection("xcom_entries", api.orchestrator().reads().xcoms(run.id(), task,
                q.string("xcom_key").orElse(null), q.page())
                .map(x -> new XComItem(x.key(), null, run.logicalDate(), -1, x.taskId(), run.dagId(), run.runId()))));
    }

    /** As Airflow: {@code ~} for the DAG, the run or the task lists across them; the run's id comes with each entry. */
    private void across(Context ctx, QueryParams q) {
        ctx.json(DagRoutes.collection("xcom_entries", api.orchestrator().reads().xcomsAcross(any(ctx, "dag_id"),
                any(ctx, "dag_run_id"), any(ctx, "task_id"), q.string("xcom_key").orElse(null), q.page())
                .map(x -> new XComItem(x.key(), null, x.logicalDate(), x.mapIndex(), x.taskId(), x.dagId(), x.runId()))));
    }

    private static String any(Context ctx, String name) {
        String value = PathParams.get(ctx, name);
        return value.equals("~") ? null : value;
    }

    private void get(Context ctx) {
        boolean stringify = new QueryParams(ctx).bool("stringify").orElse(true);
        DagRunRow run = run(ctx);
        String taskId = PathParams.get(ctx, "task_id");
        String key = PathParams.get(ctx, "xcom_key");
        XComRecord x = api.orchestrator().reads().xcom(run.id(), taskId, key).orElseThrow(() ->
                ApiProblem.notFound("task " + ApiProblem.quote(taskId) + " of DAG run " + ApiProblem.quote(run.runId())
                        + " has no XCom " + ApiProblem.quote(key)));
        // A task may push a secret it looked up: served masked, as its log is; stored as pushed,
        // since downstream tasks may need the value itself.
        String json = api.orchestrator().resources().masker().applyToJson(x.json());
        Object value = stringify ? json : Json.read(json, Object.class);
        ctx.json(new XComEntry(x.key(), null, run.logicalDate(), -1, x.taskId(), run.dagId(), value));
    }

    private DagRunRow run(Context ctx) {
        return api.run(PathParams.get(ctx, "dag_id"), PathParams.get(ctx, "dag_run_id"));
    }
}
