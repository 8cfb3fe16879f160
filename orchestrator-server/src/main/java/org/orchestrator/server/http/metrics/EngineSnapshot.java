package org.orchestrator.server.http.metrics;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts read from the database for the engine's meters: task instances and DAG runs by state,
 * finished tries by outcome, pool slots and their use. Read at most once a second however many meters ask, so a scrape
 * costs five small grouped reads. The database is the source because it is the truth for the whole
 * cluster, not only for the node that answers the scrape.
 */
final class EngineSnapshot {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final Jdbi jdbi;
    private long readAt;
    private Counts counts;

    /** What one read found. */
    record Counts(Map<String, Long> taskInstances, Map<String, Long> dagRuns, Map<String, Long> finishedTries,
                  Map<String, Long> poolSlots, Map<String, Long> poolSlotsUsed) {

        /** @return instances ready or claimed but not yet running: the executor's queue */
        long queueDepth() {
            return taskInstances.getOrDefault("scheduled", 0L) + taskInstances.getOrDefault("queued", 0L);
        }
    }

    EngineSnapshot(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the counts, read again when the last read is older than a second */
    synchronized Counts counts() {
        long now = System.nanoTime();
        if (counts == null || now - readAt > MAX_AGE_NANOS) {
            counts = read();
            readAt = now;
        }
        return counts;
    }

    private Counts read() {
        return jdbi.withHandle(h -> new Counts(
                byState(h, "SELECT state, COUNT(*) FROM task_instance GROUP BY state"),
                byState(h, "SELECT state, COUNT(*) FROM dag_run GROUP BY state"),
                byState(h, "SELECT state, COUNT(*) FROM task_try GROUP BY state"),
                byState(h, "SELECT name, slots FROM pool"),
                byState(h, "SELECT pool, COUNT(*) FROM task_instance WHERE state IN ('queued', 'running') GROUP BY pool")));
    }

    private static Map<String, Long> byState(org.jdbi.v3.core.Handle h, String sql) {
        Map<String, Long> counts = new HashMap<>();
        h.createQuery(sql).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
