package org.orchestrator.rules;

import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/**
 * Which callbacks an outcome fires: a task's on-success, on-failure or on-retry callbacks for a
 * try that left it success, failed or up_for_retry (nothing for a skip); a DAG's on-success or
 * on-failure callbacks for a run that finished so.
 */
public final class CallbackRule {

    private CallbackRule() {
    }

    /**
     * @param task    the task
     * @param outcome the state a try left its instance in
     * @return the callbacks to run once for that event; empty when none
     */
    public static List<TaskCallback> forTask(TaskDefinition task, TaskState outcome) {
        return switch (outcome) {
            case SUCCESS -> task.onSuccess();
            case FAILED -> task.onFailure();
            case UP_FOR_RETRY -> task.onRetry();
            default -> List.of();
        };
    }

    /**
     * @param dag   the DAG
     * @param state the state its run finished in
     * @return the callbacks to run once for that event; empty when none (or the run is unfinished)
     */
    public static List<DagRunCallback> forRun(Dag dag, DagRunState state) {
        return switch (state) {
            case SUCCESS -> dag.onSuccess();
            case FAILED -> dag.onFailure();
            default -> List.of();
        };
    }
}
