package org.orchestrator.server.dagbag;

import org.orchestrator.api.OrchestratorException;

/** A bundle that cannot be loaded; its message becomes the import error. */
class BundleException extends OrchestratorException {

    BundleException(String message) {
        super(message);
    }

    BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
