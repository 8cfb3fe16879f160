package org.orchestrator.server.http;

/**
 * One page of a list: Airflow's {@code limit} and {@code offset}.
 *
 * @param limit  at most this many items
 * @param offset skip this many first
 */
public record Page(int limit, int offset) {

    /** Items per page when the client does not say. */
    public static final int DEFAULT_LIMIT = 100;

    /** The most items one page may hold; larger limits are lowered to it. */
    public static final int MAX_LIMIT = 1000;
}
