package org.orchestrator.rules;

import java.util.Map;
import java.util.Set;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;

/**
 * A run's state as a pure function of its task instances (Airflow's {@code DagRun.update_state}):
 * unfinished work → running; all finished → failed if a leaf failed or is upstream_failed, else
 * success. No deadlock case is needed: {@link TriggerRules} settles every task whose upstreams are
 * all finished, so a run with unfinished work can always move.
 */
public final class RunStateRule {

    private RunStateRule() {
    }

    /**
     * @param states state of every task instance of the run, by task id
     * @param leaves ids of the tasks without downstream
     * @return the run's state
     */
    public static DagRunState resolve(Map<String, TaskState> states, Set<String> leaves) {
        boolean unfinished = states.values().stream().anyMatch(s -> !s.isFinished());
        if (unfinished) {
            return DagRunState.RUNNING;
        }
        boolean leafFailed = leaves.stream().map(states::get).anyMatch(s -> s != null && s.isFailure());
        return leafFailed ? DagRunState.FAILED : DagRunState.SUCCESS;
    }
}
