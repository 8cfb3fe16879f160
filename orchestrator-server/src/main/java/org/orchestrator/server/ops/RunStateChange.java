package org.orchestrator.server.ops;

import java.time.Instant;
import org.orchestrator.server.state.Tx;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;

/**
 * Airflow's "set DAG run state", inside the caller's transaction:
 * <ul>
 *   <li>{@code success}: every task instance not yet successful is marked success;</li>
 *   <li>{@code failed}: active instances (scheduled, queued, running, up_for_retry) are marked
 *       failed and those not started ({@code none}) skipped;</li>
 *   <li>{@code queued}: only the run's state changes (use clear to run tasks again).</li>
 * </ul>
 * The run row is updated first so that its lock orders this change against the engine finishing
 * the run at the same moment; an instance that moves under us is re-read and marked once more.
 */
final class RunStateChange {

    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();

    /** @return the run after the change */
    DagRunRow apply(Tx h, DagRunRow run, DagRunState to, Instant now) {
        setRunState(h, run.id(), to, now);
        if (to != DagRunState.QUEUED) {
            for (String taskId : tis.ofRun(h, run.id()).keySet()) {
                markTask(h, run.id(), taskId, to, now);
            }
        }
        return runs.find(h, run.id()).orElseThrow();
    }

    private void setRunState(Tx h, long runPk, DagRunState to, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            DagRunState current = runs.find(h, runPk).orElseThrow().state();
            if (current == to || runs.setState(h, runPk, current, to, now)) {
                return;
            }
        }
    }

    private void markTask(Tx h, long runPk, String taskId, DagRunState runState, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            TaskInstanceRow ti = tis.ofRun(h, runPk).get(taskId);
            TaskState target = target(ti.state(), runState);
            if (target == null || tis.mark(h, ti, target, now)) {
                return;
            }
        }
    }

    /** @return what the instance becomes, or null when it stays as it is */
    private static TaskState target(TaskState current, DagRunState runState) {
        if (runState == DagRunState.SUCCESS) {
            return current == TaskState.SUCCESS ? null : TaskState.SUCCESS;
        }
        return switch (current) {
            case NONE -> TaskState.SKIPPED;
            case SCHEDULED, QUEUED, RUNNING, UP_FOR_RETRY -> TaskState.FAILED;
            default -> null;
        };
    }
}
