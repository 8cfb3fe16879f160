package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/**
 * Reading task instances: of one run, of every run ({@code ~}), and Airflow's batch form
 * {@code POST /api/v1/dags/~/dagRuns/~/taskInstances/list}.
 */
final class TaskInstanceRoutes {

    private final Api api;

    TaskInstanceRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", "get_task_instances",
                        "List task instances (~ for every DAG or run)").role(Role.VIEWER).query(QueryDocs.TASK_INSTANCES)
                .returns(Response.collection("task_instances", TaskInstanceView.class)), this::list);
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", "get_task_instance",
                "Get a task instance").role(Role.VIEWER).returns(Response.of(TaskInstanceView.class)), this::get);
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped",
                        "get_mapped_task_instances", "List the instances of a mapped task, by map index").role(Role.VIEWER)
                .query(Param.PAGE)
                .returns(Response.collection("task_instances", TaskInstanceView.class)), this::listMapped);
        router.add(Op.post("/api/v1/dags/~/dagRuns/~/taskInstances/list", "get_task_instances_batch",
                        "List task instances (batch)").role(Role.VIEWER).body(Forms.TaskInstanceListForm.class)
                .returns(Response.collection("task_instances", TaskInstanceView.class)), this::batch);
    }

    /**
     * {@code …/taskInstances/{task_id}/{map_index}}, registered after every other route: the first
     * route that matches answers, and {map_index} would also match {@code xcomEntries}, {@code listMapped}….
     */
    void registerLast(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}",
                "get_mapped_task_instance", "Get one instance of a mapped task").role(Role.VIEWER)
                .returns(Response.of(TaskInstanceView.class)), this::getMapped);
    }

    private void list(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        QueryParams q = new QueryParams(ctx);
        Filters.refuseUpdatedAt(q);
        TaskInstanceFilter filter = Filters.taskInstances(q, all(dagId), all(runId));
        if (!dagId.equals("~") && !runId.equals("~")) {
            api.run(dagId, runId);
        }
        respond(ctx, filter, q.string("order_by").orElse(null), q.page());
    }

    private void batch(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.TaskInstanceListForm.class);
        Page page = Page.of(body.integer("page_limit"), body.integer("page_offset"));
        TaskInstanceFilter filter = Filters.taskInstances(body, body.list("dag_ids"), body.list("dag_run_ids"));
        respond(ctx, filter, body.string("order_by").orElse(null), page);
    }

    private void respond(Context ctx, TaskInstanceFilter filter, String orderBy, Page page) {
        Listing<TaskInstanceRecord> listing = api.orchestrator().reads().taskInstances(filter, orderBy, page);
        ctx.json(DagRoutes.collection("task_instances", listing.map(ti -> TaskInstanceView.of(ti, api.maybeLoaded(ti.ti().dagId())))));
    }

    /** @return no restriction for Airflow's {@code ~}, else the one id */
    private static List<String> all(String id) {
        return id.equals("~") ? List.of() : List.of(id);
    }

    private void get(Context ctx) {
        respondOne(ctx, -1);
    }

    private void getMapped(Context ctx) {
        long mapIndex = Api.longParam(ctx, "map_index");
        if (mapIndex < 0 || mapIndex > Integer.MAX_VALUE) {
            throw ApiProblem.badRequest("'map_index' must be 0 or more, got " + mapIndex);
        }
        respondOne(ctx, (int) mapIndex);
    }

    private void respondOne(Context ctx, int mapIndex) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        api.run(dagId, runId);
        String which = mapIndex < 0 ? "" : " with map index " + mapIndex;
        TaskInstanceRecord ti = api.orchestrator().reads().taskInstance(dagId, runId, taskId, mapIndex).orElseThrow(() -> ApiProblem.notFound("task " + ApiProblem.quote(taskId) + " has no instance" + which + " in DAG run "
                + ApiProblem.quote(runId) + " of DAG " + ApiProblem.quote(dagId)));
        ctx.json(TaskInstanceView.of(ti, api.maybeLoaded(dagId), renderedFields(ti)));
    }

    /** @return what the instance's current try rendered its templated fields to, masked when stored */
    private Map<String, Object> renderedFields(TaskInstanceRecord ti) {
        return api.orchestrator().reads().renderedFields(ti.ti().id(), ti.ti().tryNumber())
                .map(Json::objectOf).orElse(Map.of());
    }

    private void listMapped(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        api.run(dagId, runId);
        QueryParams q = new QueryParams(ctx);
        Listing<TaskInstanceRecord> listing = api.orchestrator().reads().mappedTaskInstances(dagId, runId, taskId,
                q.string("order_by").orElse(null), q.page());
        ctx.json(DagRoutes.collection("task_instances", listing.map(ti -> TaskInstanceView.of(ti, api.maybeLoaded(dagId)))));
    }
}
