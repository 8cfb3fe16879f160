package org.orchestrator.server.state;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Counts for the engine's meters, read for the whole cluster: task instances and DAG runs by
 * state, finished tries by outcome, pool slots and their use. Five small grouped reads.
 *
 * @param taskInstances state → task instances
 * @param dagRuns       state → DAG runs
 * @param finishedTries outcome → tries
 * @param poolSlots     pool → slots
 * @param poolSlotsUsed pool → queued and running instances
 */
public record EngineCounts(Map<String, Long> taskInstances, Map<String, Long> dagRuns, Map<String, Long> finishedTries,
                           Map<String, Long> poolSlots, Map<String, Long> poolSlotsUsed) {

    /** @return instances ready or claimed but not yet running: the executor's queue */
    public long queueDepth() {
        return taskInstances.getOrDefault("scheduled", 0L) + taskInstances.getOrDefault("queued", 0L);
    }

    static EngineCounts read(Tx h) {
        return new EngineCounts(
                grouped(h, "SELECT state, COUNT(*) FROM task_instance GROUP BY state"),
                grouped(h, "SELECT state, COUNT(*) FROM dag_run GROUP BY state"),
                grouped(h, "SELECT state, COUNT(*) FROM task_try GROUP BY state"),
                grouped(h, "SELECT name, slots FROM pool"),
                grouped(h, "SELECT pool, COUNT(*) FROM task_instance WHERE state IN ('queued', 'running') GROUP BY pool"));
    }

    private static Map<String, Long> grouped(Tx h, String sql) {
        Map<String, Long> counts = new HashMap<>();
        h.createQuery(sql).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
