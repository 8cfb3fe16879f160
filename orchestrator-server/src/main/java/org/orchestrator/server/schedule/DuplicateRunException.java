package org.orchestrator.server.schedule;

import org.orchestrator.api.OrchestratorException;

/** A run with the same id or logical date already exists for the DAG (HTTP 409). */
public final class DuplicateRunException extends OrchestratorException {

    /** @param message which DAG and which id or date */
    public DuplicateRunException(String message) {
        super(message);
    }
}
