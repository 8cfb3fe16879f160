package org.orchestrator.server.execute;

import org.orchestrator.api.TaskDefinition;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstanceRow;

/**
 * A try this node claimed and started: the instance (with its new try number), its run and DAG.
 *
 * @param ti  the task instance, state running
 * @param run its run
 * @param dag its DAG
 */
record ClaimedTry(TaskInstanceRow ti, DagRunRow run, LoadedDag dag) {

    TaskDefinition task() {
        return dag.dag().task(ti.taskId()).orElseThrow(() -> new IllegalStateException(
                "task '" + ti.taskId() + "' is not in dag '" + ti.dagId() + "' version " + dag.version()));
    }

    String describe() {
        return ti.dagId() + "/" + ti.runId() + "/" + ti.label() + " try " + ti.tryNumber();
    }
}
