package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;

/**
 * Which instances a clear takes, as Airflow's clear dialog and {@code clearTaskInstances} form
 * say it: tasks (all when none are named) widened up- and downstream, failed ones only or every
 * clearable state, one run or a range of logical dates widened to the past and the future.
 *
 * @param dag        the DAG
 * @param taskIds    the tasks named, or empty for every task
 * @param upstream   add everything upstream of them
 * @param downstream add everything downstream of them
 * @param onlyFailed only {@code failed} and {@code upstream_failed} instances
 * @param runId      the run named, or null for the date range
 * @param past       with a run: every earlier run too (down to {@code dates.from})
 * @param future     with a run: every later run too (up to {@code dates.to})
 * @param dates      the logical dates, when no run is named or past / future widen it
 */
public record ClearScope(Dag dag, List<String> taskIds, boolean upstream, boolean downstream, boolean onlyFailed,
                         String runId, boolean past, boolean future, Range<Instant> dates) {

    private static final List<String> FAILED = List.of(TaskState.FAILED.wireName(), TaskState.UPSTREAM_FAILED.wireName());

    /**
     * The states a clear resets; a running try is stopped before the next starts (see TryStops);
     * scheduled and queued instances are about to run anyway.
     */
    static final List<String> CLEARABLE = List.of("success", "failed", "upstream_failed", "skipped", "removed",
            "up_for_retry", "running");

    /** @return every clearable instance of one run: the "clear the whole run" of the run page */
    public static ClearScope wholeRun(Dag dag, String runId) {
        return new ClearScope(dag, List.of(), false, false, false, runId, false, false, Range.any());
    }

    /** @throws OperationException (invalid) for a task the DAG does not have */
    public ClearScope {
        taskIds = List.copyOf(taskIds);
        taskIds.stream().filter(t -> dag.task(t).isEmpty()).findFirst().ifPresent(t -> {
            throw OperationException.invalid("task " + OperationException.quote(t) + " is not in DAG "
                    + OperationException.quote(dag.id()));
        });
    }

    /**
     * The same scope as Airflow's "mark success / failed" dialog takes it: one task in one run,
     * widened up- and downstream and to past and future runs.
     *
     * @return the scope of a mark of {@code taskId} in run {@code runId}
     */
    public static ClearScope forMark(Dag dag, String taskId, String runId, boolean upstream, boolean downstream,
                                     boolean past, boolean future) {
        return new ClearScope(dag, List.of(taskId), upstream, downstream, false, runId, past, future, Range.any());
    }

    /** @param run the named run, as read (null when none is named) @return the filter that finds the instances */
    TaskInstanceFilter filter(DagRunRow run) {
        return filter(run, onlyFailed ? FAILED : CLEARABLE);
    }

    /** @param run the named run, or null @param states the states to take @return the filter that finds the instances */
    TaskInstanceFilter filter(DagRunRow run, List<String> states) {
        List<String> chosen = taskIds.isEmpty() ? dag.tasks().stream().map(TaskDefinition::id).toList() : taskIds;
        Set<String> tasks = TaskGraph.expand(dag, chosen, upstream, downstream);
        List<String> runIds = List.of();
        Range<Instant> range = dates;
        if (run != null) {
            Optional<Instant> logical = Optional.of(run.logicalDate());
            runIds = past || future ? List.of() : List.of(runId);
            range = new Range<>(past ? dates.from() : logical, future ? dates.to() : logical);
        }
        return new TaskInstanceFilter(List.of(dag.id()), runIds, List.copyOf(tasks), states,
                List.of(), range, Range.any(), Range.any(), Range.any());
    }
}
