package org.orchestrator.server.state;

import org.orchestrator.api.TaskState;

/** A state change the transition table forbids. Carries both ends. */
public final class IllegalTransitionException extends StateException {

    private final TaskState from;
    private final TaskState to;

    /** @param from current state @param to wanted state */
    public IllegalTransitionException(TaskState from, TaskState to) {
        super("task instance cannot move from " + from.wireName() + " to " + to.wireName());
        this.from = from;
        this.to = to;
    }

    /** @return the state left */
    public TaskState from() {
        return from;
    }

    /** @return the state wanted */
    public TaskState to() {
        return to;
    }
}
