package org.orchestrator.rules;

import static org.orchestrator.api.TaskState.FAILED;
import static org.orchestrator.api.TaskState.NONE;
import static org.orchestrator.api.TaskState.QUEUED;
import static org.orchestrator.api.TaskState.REMOVED;
import static org.orchestrator.api.TaskState.RUNNING;
import static org.orchestrator.api.TaskState.SCHEDULED;
import static org.orchestrator.api.TaskState.SKIPPED;
import static org.orchestrator.api.TaskState.SUCCESS;
import static org.orchestrator.api.TaskState.UPSTREAM_FAILED;
import static org.orchestrator.api.TaskState.UP_FOR_RETRY;

import java.util.EnumSet;
import java.util.Set;
import org.orchestrator.api.TaskState;

/**
 * The one table of allowed task-instance state changes (DESIGN "States"). Every verb of
 * {@code TaskInstances} (the server's state package) checks it before writing.
 *
 * <pre>
 * none ──deps met──▶ scheduled ──▶ queued ──▶ running ──▶ success | failed | up_for_retry | skipped
 * none ──▶ upstream_failed | skipped | removed       up_for_retry ──timer──▶ scheduled
 * queued ──(handed back)──▶ scheduled                  finished | up_for_retry ──clear──▶ none
 * running ──clear──▶ none (its try is stopped first: see TaskInstances#clear)
 * any ──mark──▶ success | failed
 * </pre>
 */
public final class TaskTransitions {

    private static final TransitionTable<TaskState> TABLE = new TransitionTable<>(TaskState.class);

    static {
        allow(NONE, SCHEDULED, UPSTREAM_FAILED, SKIPPED, REMOVED);
        allow(SCHEDULED, QUEUED, NONE, REMOVED);
        allow(QUEUED, RUNNING, SCHEDULED);
        allow(RUNNING, SUCCESS, FAILED, UP_FOR_RETRY, SKIPPED, NONE);
        allow(UP_FOR_RETRY, SCHEDULED, NONE);
        for (TaskState finished : EnumSet.of(SUCCESS, FAILED, UPSTREAM_FAILED, SKIPPED, REMOVED)) {
            allow(finished, NONE);
        }
        for (TaskState any : TaskState.values()) {
            if (any != SUCCESS) {
                allow(any, SUCCESS);
            }
            if (any != FAILED) {
                allow(any, FAILED);
            }
        }
    }

    private TaskTransitions() {
    }

    private static void allow(TaskState from, TaskState... to) {
        TABLE.allow(from, to);
    }

    /**
     * @param from current state
     * @param to   wanted state
     * @return true when the table allows the move
     */
    public static boolean isAllowed(TaskState from, TaskState to) {
        return TABLE.isAllowed(from, to);
    }

    /**
     * @param from current state
     * @param to   wanted state
     * @throws IllegalTransitionException when the table forbids the move
     */
    public static void check(TaskState from, TaskState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** @param from a state @return the states it may move to */
    public static Set<TaskState> allowedFrom(TaskState from) {
        return TABLE.allowedFrom(from);
    }
}
