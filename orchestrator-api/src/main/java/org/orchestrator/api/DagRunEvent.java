package org.orchestrator.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a DAG-run callback is told: on success, on failure, or on a missed SLA (then the state is
 * the run's state when the miss was found, usually running or queued).
 *
 * @param dagId       the DAG
 * @param runId       the run
 * @param logicalDate the run's logical date
 * @param state       the run's state
 * @param runUrl      a link to the run in the dashboard, when the server knows its address
 * @param resources   connections and variables, for notifiers
 * @param failedTasks the run's failed tasks with their errors and log links (empty unless it failed)
 */
public record DagRunEvent(String dagId, String runId, Instant logicalDate, DagRunState state,
                          Optional<String> runUrl, Resources resources, List<FailedTask> failedTasks) {

    /** Keeps the list of failed tasks unmodifiable. */
    public DagRunEvent {
        failedTasks = List.copyOf(failedTasks);
    }

    /**
     * An event that names no failed tasks.
     *
     * @param dagId       the DAG
     * @param runId       the run
     * @param logicalDate the run's logical date
     * @param state       the run's state
     * @param runUrl      a link to the run in the dashboard, when the server knows its address
     * @param resources   connections and variables, for notifiers
     */
    public DagRunEvent(String dagId, String runId, Instant logicalDate, DagRunState state,
                       Optional<String> runUrl, Resources resources) {
        this(dagId, runId, logicalDate, state, runUrl, resources, List.of());
    }

    /**
     * An event without a link or resources, as raised outside a server (tests, tools).
     *
     * @param dagId       the DAG
     * @param runId       the run
     * @param logicalDate the run's logical date
     * @param state       the run's state
     */
    public DagRunEvent(String dagId, String runId, Instant logicalDate, DagRunState state) {
        this(dagId, runId, logicalDate, state, Optional.empty(), Resources.NONE);
    }
}
