package org.orchestrator.server.state;

import org.orchestrator.api.OrchestratorException;

/** A persistence problem, with the ids involved in its message. */
public class StateException extends OrchestratorException {

    /** @param message what failed @param cause why */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed */
    public StateException(String message) {
        super(message);
    }
}
