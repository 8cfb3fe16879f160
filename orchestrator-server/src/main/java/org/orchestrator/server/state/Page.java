package org.orchestrator.server.state;

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

    /**
     * @param limit  requested items per page (0 or absent: the default; above the maximum: the maximum)
     * @param offset requested items to skip (absent: 0)
     * @return the page
     * @throws InvalidQueryException for negative values
     */
    public static Page of(java.util.Optional<Integer> limit, java.util.Optional<Integer> offset) {
        int l = limit.orElse(DEFAULT_LIMIT);
        int o = offset.orElse(0);
        if (l < 0 || o < 0) {
            throw new InvalidQueryException("'limit' and 'offset' must not be negative, got limit " + l + " and offset " + o);
        }
        return new Page(l == 0 ? DEFAULT_LIMIT : Math.min(l, MAX_LIMIT), o);
    }
}
