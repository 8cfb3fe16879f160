package org.orchestrator.server.execute;

import java.util.Optional;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.slf4j.Logger;

/**
 * Airflow's {@code on_execute_callback}: the task's onExecute callbacks, in the try, just before
 * its code. Unlike the outcome callbacks they are not sent through the outbox: they belong to the
 * try, run again with every try, and a failing one is logged in the try's log, never fatal.
 */
final class OnExecute {

    private OnExecute() {
    }

    static void call(ClaimedTry claimed, TaskContext ctx, Logger log) {
        for (TaskCallback callback : claimed.task().onExecute()) {
            TaskEvent event = new TaskEvent(ctx.dagId(), ctx.runId(), ctx.taskId(), ctx.tryNumber(), TaskState.RUNNING,
                    ctx.logicalDate(), Optional.empty(), Optional.empty(), ctx);
            try {
                callback.call(event);
            } catch (Exception e) {
                log.warn("onExecute callback failed; running the task anyway", e);
            }
        }
    }
}
