package org.orchestrator.server.http.api;

import io.javalin.Javalin;
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
import org.orchestrator.server.http.query.DagQueries;

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
    private final DagQueries queries = new DagQueries();

    DagDetailRoutes(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/v1/dags/{dag_id}/details", this::details, Role.VIEWER);
        app.get("/api/v1/dags/{dag_id}/tasks", this::tasks, Role.VIEWER);
        app.get("/api/v1/dags/{dag_id}/tasks/{task_id}", this::task, Role.VIEWER);
    }

    private void details(Context ctx) {
        LoadedDag loaded = api.loadedDag(PathParams.get(ctx, "dag_id"));
        DagView view = api.orchestrator().jdbi().withHandle(h -> queries.find(h, loaded.dag().id()))
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
