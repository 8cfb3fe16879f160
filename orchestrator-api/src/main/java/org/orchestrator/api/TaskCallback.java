package org.orchestrator.api;

/**
 * Runs once when a task instance succeeds, fails for good, or goes up for retry. Callbacks run
 * outside the task's try; one that throws is logged and does not change any state.
 *
 * <pre>{@code
 * .task("load", new Load(), t -> t.onFailure(e -> alerts.send(e.dagId() + "." + e.taskId() + " failed: " + e.error().orElse(""))))
 * }</pre>
 */
@FunctionalInterface
public interface TaskCallback {

    /**
     * Called once per event; an exception is logged, never fatal.
     *
     * @param event what happened
     * @throws Exception logged by the server, never fatal
     */
    void call(TaskEvent event) throws Exception;
}
