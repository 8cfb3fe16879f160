package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.orchestrator.api.Dag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/**
 * What a DAG's definition says: {@code GET /api/v1/dags/{dag_id}/details}, {@code …/tasks} and
 * {@code …/tasks/{task_id}}. These need the DAG loaded now (a DAG whose bundle went away is 404).
 */
final class DagDetailRoutes {

    private static final Map<String, Comparator<TaskView>> TASK_ORDER = Map.of(
            "task_id", Comparator.comparing(TaskView::taskId),
            "priority_weight", Comparator.comparing(TaskView::priorityWeight),
            "retries", Comparator.comparing(TaskView::retries),
            "pool", Comparator.comparing(TaskView::pool),
            "trigger_rule", Comparator.comparing(TaskView::triggerRule));

    private final Api api;

    DagDetailRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/details", "get_dag_details", "Get a DAG's definition").role(Role.VIEWER)
                .returns(Response.of(DagDetailView.class)), this::details);
        router.add(Op.get("/api/v1/dags/{dag_id}/tasks", "get_tasks", "List a DAG's tasks").role(Role.VIEWER)
                .query(Param.of("order_by:string")).returns(Response.collection("tasks", TaskView.class)), this::tasks);
        router.add(Op.get("/api/v1/dags/{dag_id}/tasks/{task_id}", "get_task", "Get a task of a DAG").role(Role.VIEWER)
                .returns(Response.of(TaskView.class)), this::task);
    }

    private void details(Context ctx) {
        LoadedDag loaded = api.loadedDag(PathParams.get(ctx, "dag_id"));
        DagView view = api.orchestrator().reads().dag(loaded.dag().id())
                .map(row -> DagView.of(row, Optional.of(loaded), api.importErrorFiles()))
                .orElseThrow(() -> Api.dagNotFound(loaded.dag().id()));
        ctx.json(DagDetailView.of(view, loaded.dag(), api.orchestrator().config().pausedAtCreation()));
    }

    private void tasks(Context ctx) {
        Dag dag = api.loadedDag(PathParams.get(ctx, "dag_id")).dag();
        List<TaskView> tasks = dag.tasks().stream().map(t -> TaskView.of(dag, t))
                .sorted(order(new QueryParams(ctx).string("order_by").orElse("task_id"))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tasks", tasks);
        body.put("total_entries", tasks.size());
        ctx.json(body);
    }

    private void task(Context ctx) {
        Dag dag = api.loadedDag(PathParams.get(ctx, "dag_id")).dag();
        String taskId = PathParams.get(ctx, "task_id");
        ctx.json(dag.task(taskId).map(t -> TaskView.of(dag, t)).orElseThrow(() -> ApiProblem.notFound(
                "task " + ApiProblem.quote(taskId) + " not found in DAG " + ApiProblem.quote(dag.id()))));
    }

    private static Comparator<TaskView> order(String orderBy) {
        boolean descending = orderBy.startsWith("-");
        Comparator<TaskView> order = TASK_ORDER.get(descending ? orderBy.substring(1) : orderBy);
        if (order == null) {
            throw ApiProblem.badRequest("cannot order tasks by " + ApiProblem.quote(orderBy) + "; use one of "
                    + String.join(", ", new TreeSet<>(TASK_ORDER.keySet())) + " (prefix '-' for descending)");
        }
        Comparator<TaskView> stable = order.thenComparing(TaskView::taskId);
        return descending ? stable.reversed() : stable;
    }
}
