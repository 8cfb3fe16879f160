package org.orchestrator.api;

/**
 * Runs once when a DAG run succeeds or fails. One that throws is logged and changes nothing.
 */
@FunctionalInterface
public interface DagRunCallback {

    /**
     * Called once per event; an exception is logged, never fatal.
     *
     * @param event what happened
     * @throws Exception logged by the server, never fatal
     */
    void call(DagRunEvent event) throws Exception;
}
