package org.orchestrator.server.ops;

import java.util.Set;

/**
 * The engine loops an action wakes once its transaction has committed. The command line, which
 * runs no loops, uses {@link #NONE}: the server's sweep finds its changes on its next pass.
 */
public interface Loops {

    /** Wakes nothing. */
    Loops NONE = new Loops() {
        @Override
        public void tasksChanged(Change change) {
        }

        @Override
        public void pauseChanged(String dagId) {
        }

        @Override
        public void assetEventRecorded() {
        }
    };

    /**
     * Task instances were moved by an operator (clear, mark, run state, run delete): the sweep
     * should look now. The one place where everything such an action affects is known, after its
     * commit: a hook that stops a try the action took its instance from belongs here.
     *
     * @param change what moved
     */
    void tasksChanged(Change change);

    /** An asset event was recorded: the DAGs scheduled on the asset may be due. */
    void assetEventRecorded();

    /** @param dagId a DAG paused or unpaused: its schedule trigger should follow */
    void pauseChanged(String dagId);

    /**
     * What an action changed.
     *
     * @param action          the audit action, e.g. {@code clear_dag_run}
     * @param runIds          the primary keys of the runs touched
     * @param taskInstanceIds the task instances moved; empty when the action took whole runs
     *                        (run state, run delete)
     */
    record Change(String action, Set<Long> runIds, Set<Long> taskInstanceIds) {
    }
}
