package org.orchestrator.api;

/** Root of every exception Orchestrator throws on purpose. Messages name the ids involved. */
public class OrchestratorException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, with the ids involved
     */
    public OrchestratorException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong, with the ids involved
     * @param cause the underlying failure
     */
    public OrchestratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
