package org.orchestrator.server.state;

/**
 * A list request the read side cannot answer as asked (an unknown {@code order_by} field, a
 * negative page): the caller's mistake, which the API answers with a 400.
 */
public final class InvalidQueryException extends StateException {

    /** @param message what is wrong with the request, for the client */
    public InvalidQueryException(String message) {
        super(message);
    }

    /** @param input a value from the request @return it quoted, cut at 100 characters */
    static String quote(String input) {
        String text = input.length() > 100 ? input.substring(0, 100) + "…" : input;
        return "'" + text + "'";
    }
}
