package org.orchestrator.rules;

import static org.orchestrator.api.DagRunState.FAILED;
import static org.orchestrator.api.DagRunState.QUEUED;
import static org.orchestrator.api.DagRunState.RUNNING;
import static org.orchestrator.api.DagRunState.SUCCESS;

import java.util.Set;
import org.orchestrator.api.DagRunState;

/**
 * The one table of allowed DAG-run state changes (DESIGN "States"), as in Airflow:
 *
 * <pre>
 * queued ──▶ running ──▶ success | failed          (the engine)
 * any ──mark──▶ success | failed                    (an operator sets the run's state)
 * running | finished ──clear──▶ queued              (clearing its tasks, or setting it queued)
 * </pre>
 *
 * A finished run never goes back to running directly: it is queued again and started by the
 * engine like any other queued run. Moving a run to the state it is in is not a transition.
 */
public final class DagRunTransitions {

    private static final TransitionTable<DagRunState> TABLE = new TransitionTable<>(DagRunState.class)
            .allow(QUEUED, RUNNING, SUCCESS, FAILED)
            .allow(RUNNING, SUCCESS, FAILED, QUEUED)
            .allow(SUCCESS, FAILED, QUEUED)
            .allow(FAILED, SUCCESS, QUEUED);

    private DagRunTransitions() {
    }

    /**
     * @param from current state
     * @param to   wanted state
     * @return true when the table allows the move
     */
    public static boolean isAllowed(DagRunState from, DagRunState to) {
        return TABLE.isAllowed(from, to);
    }

    /**
     * @param from current state
     * @param to   wanted state
     * @throws IllegalTransitionException when the table forbids the move
     */
    public static void check(DagRunState from, DagRunState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** @param from a state @return the states it may move to */
    public static Set<DagRunState> allowedFrom(DagRunState from) {
        return TABLE.allowedFrom(from);
    }
}
