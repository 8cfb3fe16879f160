package org.orchestrator.rules;

import org.orchestrator.api.DagRunState;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskState;

/**
 * A state change a transition table ({@link TaskTransitions}, {@link DagRunTransitions}) forbids.
 * Carries both ends; the REST API answers it with 409 Conflict.
 */
public final class IllegalTransitionException extends OrchestratorException {

    private final Enum<?> from;
    private final Enum<?> to;

    /** @param from current state of a task instance @param to wanted state */
    public IllegalTransitionException(TaskState from, TaskState to) {
        this("task instance", from.wireName(), to.wireName(), from, to);
    }

    /** @param from current state of a DAG run @param to wanted state */
    public IllegalTransitionException(DagRunState from, DagRunState to) {
        this("DAG run", from.wireName(), to.wireName(), from, to);
    }

    private IllegalTransitionException(String subject, String fromName, String toName, Enum<?> from, Enum<?> to) {
        super(subject + " cannot move from " + fromName + " to " + toName);
        this.from = from;
        this.to = to;
    }

    /** @return the state left: a {@link TaskState} or a {@link DagRunState} */
    public Enum<?> from() {
        return from;
    }

    /** @return the state wanted, of the same type as {@link #from()} */
    public Enum<?> to() {
        return to;
    }
}
