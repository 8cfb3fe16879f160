package org.orchestrator.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The span of data a run covers, [start, end). A scheduled run's logical date is its start; a
 * manual run's interval is [logical date, logical date].
 *
 * @param start inclusive start
 * @param end   exclusive end, never before start
 */
public record DataInterval(Instant start, Instant end) {

    /**
     * Checks that the interval does not end before it starts.
     *
     * @param start inclusive start
     * @param end exclusive end, never before start
     */
    public DataInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("data interval ends before it starts: " + start + " > " + end);
        }
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
