package org.orchestrator.rules;

import java.util.Map;
import java.util.Set;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/**
 * Airflow's {@code depends_on_past} and {@code wait_for_downstream} (its {@code PrevDagrunDep}),
 * for the server and the test harness alike. A task that depends on its past may run only when
 * its instance in the previous run succeeded or was skipped; with wait for downstream, the direct
 * downstream instances of that previous instance must have too. The first run is exempt, and so
 * is a previous run that did not have the task (Airflow's default {@code ignore_first_depends_on_past}).
 */
public final class PastDependency {

    /** The states that release the next run, as in Airflow. */
    private static final Set<TaskState> DONE = Set.of(TaskState.SUCCESS, TaskState.SKIPPED);

    private PastDependency() {
    }

    /**
     * @param task     the task about to be scheduled
     * @param previous the states of the previous run's task instances by task id, or null when
     *                 there is no previous run
     * @param downstream the task's direct downstream task ids
     * @return true when the task may run as far as its past is concerned
     */
    public static boolean met(TaskDefinition task, Map<String, TaskState> previous, Set<String> downstream) {
        if (!task.dependsOnPast() || previous == null || !previous.containsKey(task.id())) {
            return true;
        }
        if (!DONE.contains(previous.get(task.id()))) {
            return false;
        }
        return !task.waitForDownstream() || downstream.stream()
                .allMatch(id -> !previous.containsKey(id) || DONE.contains(previous.get(id)));
    }
}
