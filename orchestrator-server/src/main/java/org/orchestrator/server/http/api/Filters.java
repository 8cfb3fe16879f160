package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.Inputs;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;

/** Reads Airflow's run and task instance list filters from query parameters or a batch form. */
final class Filters {

    private static final Set<String> RUN_STATES = Stream.of(DagRunState.values()).map(DagRunState::wireName)
            .collect(Collectors.toSet());
    private static final Set<String> TASK_STATES = Stream.of(TaskState.values()).map(TaskState::wireName)
            .collect(Collectors.toSet());

    private Filters() {
    }

    /**
     * @param in         where the filters are
     * @param dagIds     the DAGs, empty for all
     * @param statesName {@code state} in a query, {@code states} in a batch form
     * @return the run filter
     */
    static RunFilter runs(Inputs in, List<String> dagIds, String statesName) {
        return new RunFilter(dagIds, runStates(in.list(statesName)), dates(in, "execution_date", "logical_date"),
                dates(in, "start_date", null), dates(in, "end_date", null));
    }

    /**
     * @param in     where the filters are
     * @param dagIds the DAGs, empty for all
     * @param runIds the runs, empty for all
     * @return the task instance filter
     */
    static TaskInstanceFilter taskInstances(Inputs in, List<String> dagIds, List<String> runIds) {
        return new TaskInstanceFilter(dagIds, runIds, in.list("task_ids"), taskStates(in.list("state")), in.list("pool"),
                dates(in, "execution_date", "logical_date"), dates(in, "start_date", null), dates(in, "end_date", null),
                new Range<>(in.number("duration_gte"), in.number("duration_lte")));
    }

    /** Refuses filters on columns we do not keep, rather than ignoring them and answering too much. */
    static void refuseUpdatedAt(Inputs in) {
        if (in.string("updated_at_gte").isPresent() || in.string("updated_at_lte").isPresent()) {
            throw ApiProblem.badRequest("'updated_at_gte' and 'updated_at_lte' are not supported: runs and task "
                    + "instances keep no update time; filter on start_date or end_date instead");
        }
    }

    private static Range<Instant> dates(Inputs in, String name, String alias) {
        return new Range<>(bound(in, name, alias, "_gte"), bound(in, name, alias, "_lte"));
    }

    private static Optional<Instant> bound(Inputs in, String name, String alias, String suffix) {
        Optional<Instant> value = in.instant(name + suffix);
        return value.isPresent() || alias == null ? value : in.instant(alias + suffix);
    }

    private static List<String> runStates(List<String> states) {
        return checked(states, RUN_STATES, "DAG run");
    }

    private static List<String> taskStates(List<String> states) {
        return checked(states.stream().map(s -> s.equals("null") ? TaskState.NONE.wireName() : s).toList(),
                TASK_STATES, "task instance");
    }

    private static List<String> checked(List<String> states, Set<String> known, String what) {
        for (String state : states) {
            if (!known.contains(state)) {
                throw ApiProblem.badRequest("unknown " + what + " state " + ApiProblem.quote(state) + "; use one of "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        return states;
    }
}
