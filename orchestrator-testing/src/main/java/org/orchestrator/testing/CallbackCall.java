package org.orchestrator.testing;

/**
 * A callback event of a {@link DagTester} run: which callbacks the server would have run, and
 * whether this run ran them. By default a local run only records them, so testing a DAG never
 * posts a real alert; {@link DagTester#runCallbacks(boolean)} runs them.
 *
 * @param taskId    the task whose try raised the event, or empty for the run's own event
 * @param tryNumber the try (0 for the run's event)
 * @param event     {@code success}, {@code failed} or {@code up_for_retry}
 * @param callbacks how many callbacks the task or DAG declares for that event
 * @param ran       whether they were called
 */
public record CallbackCall(String taskId, int tryNumber, String event, int callbacks, boolean ran) {

    /** @return the line a local run prints for this event */
    @Override
    public String toString() {
        String subject = taskId.isEmpty() ? "the run" : "task " + taskId + " (try " + tryNumber + ")";
        return callbacks + " " + event + " callback(s) of " + subject + (ran ? " ran" : " not run (recorded only)");
    }
}
