package org.orchestrator.server.http.api;

import java.util.Optional;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.Actors;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.Operations;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.DagRunRow;

/**
 * What the route classes share: the engine, its operations, and lookups that answer 404 with the
 * id that was not found.
 *
 * @param orchestrator the engine
 */
record Api(Orchestrator orchestrator) {

    /** @return every operator action; mutating routes call these and nothing else */
    Operations ops() {
        return orchestrator.ops();
    }

    /** @return who the request acts as, for the audit row */
    static Actor actor(io.javalin.http.Context ctx) {
        return Actors.of(ctx);
    }

    /** @return the loaded DAG, or a 404 */
    LoadedDag loadedDag(String dagId) {
        return orchestrator.dags().get(dagId).orElseThrow(() -> dagNotFound(dagId));
    }

    /** @return the loaded DAG, if any */
    Optional<LoadedDag> maybeLoaded(String dagId) {
        return orchestrator.dags().get(dagId);
    }

    /** @return bundle files whose last load failed */
    java.util.Set<String> importErrorFiles() {
        return orchestrator.dags().importErrors().keySet();
    }

    /** @return the run, or a 404 */
    DagRunRow run(String dagId, String runId) {
        return orchestrator.reads().run(dagId, runId).orElseThrow(() -> runNotFound(dagId, runId));
    }

    /** @return the task's instance in the run, or a 404 (for the run or the task) */
    TaskInstanceRecord taskInstance(String dagId, String runId, String taskId) {
        run(dagId, runId);
        return orchestrator.reads().taskInstance(dagId, runId, taskId).orElseThrow(() -> ApiProblem.notFound(
                "task " + ApiProblem.quote(taskId) + " has no instance in DAG run " + ApiProblem.quote(runId)));
    }

    static ApiProblem runNotFound(String dagId, String runId) {
        return ApiProblem.notFound("DAG run " + ApiProblem.quote(runId) + " of DAG " + ApiProblem.quote(dagId) + " not found");
    }

    /** @return a whole-number path parameter, or a 400 */
    static long longParam(io.javalin.http.Context ctx, String name) {
        String value = PathParams.get(ctx, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("'" + name + "' must be a whole number, got " + ApiProblem.quote(value));
        }
    }

    static ApiProblem dagNotFound(String dagId) {
        return ApiProblem.notFound("DAG " + ApiProblem.quote(dagId) + " not found");
    }
}
