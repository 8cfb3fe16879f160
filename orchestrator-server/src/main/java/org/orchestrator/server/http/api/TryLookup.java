package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Optional;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskTries;

/**
 * Finds the try a log request names ({@code dag_id}, {@code dag_run_id}, {@code task_id},
 * {@code task_try_number}, and for an instance of a mapped task the query parameter
 * {@code map_index}, as in Airflow), or answers 404. The log file is then the one the try row names: no
 * part of the request is ever used as a path.
 */
final class TryLookup {

    private final Api api;

    TryLookup(Api api) {
        this.api = api;
    }

    /** @return the try the path names; a 404 when the run, the task or the try does not exist */
    TaskTries.TryRow find(Context ctx) {
        long tryNumber = Api.longParam(ctx, "task_try_number");
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        int mapIndex = new QueryParams(ctx).integer("map_index").orElse(-1);
        api.run(dagId, runId);
        TaskInstanceRow ti = api.orchestrator().reads().taskInstance(dagId, runId, taskId, mapIndex).orElseThrow(() -> ApiProblem.notFound(
                "task " + ApiProblem.quote(taskId) + (mapIndex < 0 ? "" : " with map index " + mapIndex)
                        + " has no instance in DAG run " + ApiProblem.quote(runId))).ti();
        boolean plausible = tryNumber >= 1 && tryNumber <= ti.tryNumber();
        Optional<TaskTries.TryRow> row = plausible ? api.orchestrator().reads().tryOf(ti.id(), (int) tryNumber) : Optional.empty();
        return row.orElseThrow(() -> ApiProblem.notFound("task " + ApiProblem.quote(taskId) + " of DAG run "
                + ApiProblem.quote(runId) + " has no try " + tryNumber));
    }

    /** @return whether the try has ended (or is gone: cleared or deleted), so its log grows no more */
    boolean ended(TaskTries.TryRow row) {
        return api.orchestrator().reads().tryOf(row.tiId(), row.tryNumber())
                .map(r -> r.endDate() != null).orElse(true);
    }
}
