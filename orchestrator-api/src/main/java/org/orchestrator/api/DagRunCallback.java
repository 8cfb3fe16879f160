package org.orchestrator.api;

/**
 * Runs once when a DAG run succeeds or fails. One that throws is logged and changes nothing.
 */
@FunctionalInterface
public interface DagRunCallback {

    /**
     * @param event what happened
     * @throws Exception logged by the server, never fatal
     */
    void call(DagRunEvent event) throws Exception;
}
