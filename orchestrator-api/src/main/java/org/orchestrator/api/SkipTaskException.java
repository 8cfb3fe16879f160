package org.orchestrator.api;

/**
 * Thrown by a task to end its try as {@code skipped} rather than failed, like Airflow's
 * {@code AirflowSkipException}: e.g. when there is nothing to do for this interval.
 */
public class SkipTaskException extends OrchestratorException {

    /**
     * Creates the exception.
     *
     * @param reason why the task skips itself; it lands in the try's log
     */
    public SkipTaskException(String reason) {
        super(reason);
    }
}
