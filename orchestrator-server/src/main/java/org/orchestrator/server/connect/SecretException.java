package org.orchestrator.server.connect;

import org.orchestrator.api.OrchestratorException;

/** A secret that cannot be read or written: a bad or wrong key, a damaged value. */
public final class SecretException extends OrchestratorException {

    /** @param message what failed, naming the value or the key's source */
    public SecretException(String message) {
        super(message);
    }

    /** @param message what failed @param cause why */
    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
