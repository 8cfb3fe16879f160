package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.ops.TaskActions;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code POST /api/v1/dags/{dag_id}/clearTaskInstances}, with Airflow's form and defaults
 * ({@code dry_run} and {@code only_failed} default to true). Answers the instances cleared (or,
 * on a dry run, those that would be) as a {@code TaskInstanceReferenceCollection}. The runs rerun
 * the DAG version they record unless {@code run_on_latest_version} is true (see TaskClearing).
 */
final class ClearRoutes {

    private static final List<String> FAILED = List.of(TaskState.FAILED.wireName(), TaskState.UPSTREAM_FAILED.wireName());
    /**
     * The states a clear resets; a running try is stopped before the next starts (see TryStops);
     * scheduled and queued instances are about to run anyway.
     */
    static final List<String> CLEARABLE = List.of("success", "failed", "upstream_failed", "skipped", "removed",
            "up_for_retry", "running");

    private final Api api;

    /** Airflow's {@code TaskInstanceReference}. */
    record Reference(String taskId, String dagId, Instant executionDate, String dagRunId) {
        static Reference of(TaskInstanceRecord r) {
            return new Reference(r.ti().taskId(), r.ti().dagId(), r.logicalDate(), r.ti().runId());
        }
    }

    /** Airflow's {@code TaskInstanceReferenceCollection}. */
    record References(List<Reference> taskInstances) {
    }

    ClearRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/dags/{dag_id}/clearTaskInstances", "post_clear_task_instances",
                        "Clear task instances so they run again").role(Role.OP).body(Forms.ClearForm.class)
                .returns(Response.of(References.class)), this::clear);
    }

    private void clear(Context ctx) {
        Dag dag = api.loadedDag(PathParams.get(ctx, "dag_id")).dag();
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ClearForm.class);
        refuseUnsupported(body);
        TaskInstanceFilter filter = filter(dag, body);
        List<TaskInstanceRecord> selected = api.orchestrator().reads().matchingTaskInstances(filter);
        List<TaskInstanceRecord> result = selected;
        if (!body.bool("dry_run").orElse(true)) {
            Set<Long> cleared = ids(api.ops().tasks().clear(Api.actor(ctx), new TaskActions.Clear(dag,
                    selected.stream().map(TaskInstanceRecord::ti).toList(), body.bool("reset_dag_runs").orElse(true),
                    body.string("dag_run_id").orElse(null), ctx.body(), chosenVersion(api, dag.id(), body))));
            result = selected.stream().filter(r -> cleared.contains(r.ti().id())).toList();
        }
        ctx.json(new References(result.stream().map(Reference::of).toList()));
    }

    /**
     * {@code run_on_latest_version} (Airflow 3's name): the DAG's current version, which the
     * cleared runs then record; by default (null) each run reruns the version it records.
     */
    static String chosenVersion(Api api, String dagId, JsonBody body) {
        return body.bool("run_on_latest_version").orElse(false) ? api.loadedDag(dagId).version() : null;
    }

    private static Set<Long> ids(List<TaskInstanceRow> instances) {
        return instances.stream().map(TaskInstanceRow::id).collect(Collectors.toSet());
    }

    private TaskInstanceFilter filter(Dag dag, JsonBody body) {
        List<String> chosen = body.strings("task_ids").orElse(dag.tasks().stream().map(TaskDefinition::id).toList());
        if (chosen.isEmpty()) {
            throw ApiProblem.badRequest("'task_ids' must name at least one task; leave it out to clear every task");
        }
        chosen.stream().filter(t -> dag.task(t).isEmpty()).findFirst().ifPresent(t -> {
            throw ApiProblem.badRequest("task " + ApiProblem.quote(t) + " is not in DAG " + ApiProblem.quote(dag.id()));
        });
        Set<String> tasks = TaskGraph.expand(dag, chosen, body.bool("include_upstream").orElse(false),
                body.bool("include_downstream").orElse(false));
        List<String> states = body.bool("only_failed").orElse(true) ? FAILED : CLEARABLE;
        Range<Instant> dates = new Range<>(body.instant("start_date"), body.instant("end_date"));
        List<String> runIds = List.of();
        Optional<String> runId = body.string("dag_run_id");
        if (runId.isPresent()) {
            Instant logical = api.run(dag.id(), runId.get()).logicalDate();
            boolean past = body.bool("include_past").orElse(false);
            boolean future = body.bool("include_future").orElse(false);
            runIds = past || future ? List.of() : List.of(runId.get());
            dates = new Range<>(past ? dates.from() : Optional.of(logical), future ? dates.to() : Optional.of(logical));
        }
        return new TaskInstanceFilter(List.of(dag.id()), runIds, List.copyOf(tasks), states, List.of(), dates,
                Range.any(), Range.any(), Range.any());
    }

    private static void refuseUnsupported(JsonBody body) {
        if (body.bool("only_running").orElse(false)) {
            throw ApiProblem.badRequest("'only_running' is not supported: set 'only_failed' to false and name "
                    + "the tasks to clear (running ones included)");
        }
        if (body.bool("include_subdags").orElse(false) || body.bool("include_parentdag").orElse(false)) {
            throw ApiProblem.badRequest("there are no subdags: 'include_subdags' and 'include_parentdag' must be false");
        }
    }
}
