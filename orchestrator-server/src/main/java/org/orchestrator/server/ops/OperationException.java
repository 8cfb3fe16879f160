package org.orchestrator.server.ops;

import org.orchestrator.api.OrchestratorException;

/**
 * An operator action refused before it changed anything, with the ids involved in its message.
 * The REST API answers it by its {@link Kind}; the command line prints it and exits with 1.
 */
public final class OperationException extends OrchestratorException {

    /** Why the action was refused. */
    public enum Kind {
        /** What the action names does not exist (404). */
        NOT_FOUND,
        /** The name the action would create or rename to is taken (409). */
        ALREADY_EXISTS,
        /** The target moved under the action; trying again may work (409). */
        CONFLICT,
        /** The request breaks a rule (400). */
        INVALID
    }

    private final Kind kind;

    private OperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return why */
    public Kind kind() {
        return kind;
    }

    static OperationException notFound(String message) {
        return new OperationException(Kind.NOT_FOUND, message);
    }

    static OperationException alreadyExists(String message) {
        return new OperationException(Kind.ALREADY_EXISTS, message);
    }

    static OperationException conflict(String message) {
        return new OperationException(Kind.CONFLICT, message);
    }

    static OperationException invalid(String message) {
        return new OperationException(Kind.INVALID, message);
    }

    /** @return the input in quotes, shortened as the API's problems shorten it */
    static String quote(String input) {
        String text = input.length() > 100 ? input.substring(0, 100) + "…" : input;
        return "'" + text + "'";
    }
}
