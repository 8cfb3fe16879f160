package org.orchestrator.rules;

import java.util.Optional;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;

/**
 * Airflow's {@code on_execute_callback}, for the server and the test harness alike: the task's
 * onExecute callbacks, in the try, just before its code. Unlike the outcome callbacks they are
 * not sent through the outbox: they belong to the try, run again with every try, and a failing
 * one is logged in the try's log, never fatal.
 */
public final class OnExecute {

    private OnExecute() {
    }

    /** @param task the task about to run @param ctx its try's context (its log gets a failing callback's error) */
    public static void call(TaskDefinition task, TaskContext ctx) {
        for (TaskCallback callback : task.onExecute()) {
            TaskEvent event = new TaskEvent(ctx.dagId(), ctx.runId(), ctx.taskId(), ctx.tryNumber(), TaskState.RUNNING,
                    ctx.logicalDate(), Optional.empty(), Optional.empty(), ctx);
            try {
                callback.call(event);
            } catch (Exception e) {
                ctx.log().warn("onExecute callback failed; running the task anyway", e);
            }
        }
    }
}
